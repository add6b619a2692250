package dev.artifacta.cli.comments;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta comments reply ARTIFACT_ID COMMENT_ID --body TEXT}. */
@Command(
        name = "reply",
        mixinStandardHelpOptions = true,
        description = "Reply to a comment (up to 5,000 characters; replies are one level deep).")
public final class CommentsReplyCommand extends WriteCommand {

    @Parameters(index = "0", paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String artifactId;

    @Parameters(index = "1", paramLabel = "COMMENT_ID", description = "the comment replied to")
    String commentId;

    @Option(names = "--body", description = "the text")
    String body;

    @Option(names = "--body-file", description = "read the text from a file, or from stdin with -")
    String bodyFile;

    @Override
    public Integer call() {
        api().write(
                        "POST",
                        CommentsCommand.path(artifactId, commentId) + "/replies",
                        Json.object().put("body", CommentsCommand.body(body, bodyFile, System.in)))
                .ifPresent(reply -> CommentsCommand.print(output(), reply));
        return ExitCodes.OK;
    }
}
