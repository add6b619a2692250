package dev.artifacta.cli.comments;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta comments edit ARTIFACT_ID COMMENT_ID --body TEXT}. */
@Command(name = "edit", mixinStandardHelpOptions = true, description = "Replace the text of your own comment or reply.")
public final class CommentsEditCommand extends WriteCommand {

    @Parameters(index = "0", paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String artifactId;

    @Parameters(index = "1", paramLabel = "COMMENT_ID", description = "the comment's id")
    String commentId;

    @Option(names = "--body", description = "the new text")
    String body;

    @Option(names = "--body-file", description = "read the text from a file, or from stdin with -")
    String bodyFile;

    @Override
    public Integer call() {
        api().write(
                        "PATCH",
                        CommentsCommand.path(artifactId, commentId),
                        Json.object().put("body", CommentsCommand.body(body, bodyFile, System.in)))
                .ifPresent(comment -> CommentsCommand.print(output(), comment));
        return ExitCodes.OK;
    }
}
