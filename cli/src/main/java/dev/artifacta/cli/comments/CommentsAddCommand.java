package dev.artifacta.cli.comments;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta comments add ARTIFACT_ID --body TEXT}. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Comment on an artifact (up to 10,000 characters), as the key's person or agent.")
public final class CommentsAddCommand extends WriteCommand {

    @Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String artifactId;

    @Option(names = "--body", description = "the text")
    String body;

    @Option(names = "--body-file", description = "read the text from a file, or from stdin with -")
    String bodyFile;

    @Option(names = "--version", description = "the version the comment is about")
    Long version;

    @Override
    public Integer call() {
        var request = Json.object().put("body", CommentsCommand.body(body, bodyFile, System.in));
        if (version != null) {
            request.put("version", version);
        }
        api().write("POST", CommentsCommand.path(artifactId), request)
                .ifPresent(comment -> CommentsCommand.print(output(), comment));
        return ExitCodes.OK;
    }
}
