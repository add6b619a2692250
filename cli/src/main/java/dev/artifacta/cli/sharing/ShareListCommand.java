package dev.artifacta.cli.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artifacta share list --artifact-id ID}: never the tokens. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List an artifact's share links.")
public final class ShareListCommand extends ApiCommand {

    @Option(names = "--artifact-id", required = true, paramLabel = "ID", description = "the artifact")
    String artifactId;

    @Override
    public Integer call() {
        JsonNode list = api().get("/v1/artifacts/" + ApiClient.segment(artifactId) + "/share-links");
        if (output().json()) {
            output().json(list);
        } else {
            output().table(list.path("items"), ShareCommand.COLUMNS);
        }
        return ExitCodes.OK;
    }
}
