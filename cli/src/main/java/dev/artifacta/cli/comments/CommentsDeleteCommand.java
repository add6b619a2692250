package dev.artifacta.cli.comments;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artifacta comments delete ARTIFACT_ID COMMENT_ID}: the text stays in the audit log. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete your own comment (or, as an admin of the artifact, anyone's).")
public final class CommentsDeleteCommand extends WriteCommand {

    @Parameters(index = "0", paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String artifactId;

    @Parameters(index = "1", paramLabel = "COMMENT_ID", description = "the comment's id")
    String commentId;

    @Override
    public Integer call() {
        api().write("DELETE", CommentsCommand.path(artifactId, commentId), null).ifPresent(none -> {
            if (output().json()) {
                output().json(Json.object().put("id", commentId).put("deleted", true));
            } else {
                output().line("Deleted comment " + commentId);
            }
        });
        return ExitCodes.OK;
    }
}
