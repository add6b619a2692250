package dev.artifacta.cli.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta artifact diff ID}: a unified diff for text, a summary for binary content. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "Compare two versions (default: the head with the one before).")
public final class ArtifactDiffCommand extends ApiCommand {

    @Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String id;

    @Option(names = "--from", paramLabel = "N", description = "default: the version before --to")
    Long from;

    @Option(names = "--to", paramLabel = "N", description = "default: the head")
    Long to;

    @Override
    public Integer call() {
        long toVersion =
                to != null ? to : api().get(Artifacts.path(id)).path("version").asLong();
        long fromVersion = from != null ? from : Math.max(1, toVersion - 1);
        JsonNode diff = api().get(Artifacts.path(id) + "/diff"
                + ApiClient.query("from", String.valueOf(fromVersion), "to", String.valueOf(toVersion)));
        Output out = output();
        if (out.json()) {
            out.json(diff);
        } else if (diff.path("identical").asBoolean()) {
            out.line("Versions " + fromVersion + " and " + toVersion + " are identical.");
        } else if (diff.path("text").asBoolean()) {
            String unified = diff.path("unified").asText();
            out.out().print(unified.endsWith("\n") ? unified : unified + System.lineSeparator());
            out.out().flush();
        } else {
            out.line("Binary content differs: version " + fromVersion + " ("
                    + Output.bytes(diff.path("fromVersion").path("size").asLong()) + ", sha256 "
                    + diff.path("fromVersion").path("sha256").asText() + "), version " + toVersion + " ("
                    + Output.bytes(diff.path("toVersion").path("size").asLong()) + ", sha256 "
                    + diff.path("toVersion").path("sha256").asText() + ")");
        }
        return ExitCodes.OK;
    }
}
