package dev.artifacta.cli.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artifacta artifact versions ID}: newest first, within the plan's history. */
@Command(name = "versions", mixinStandardHelpOptions = true, description = "List an artifact's versions, newest first.")
public final class ArtifactVersionsCommand extends ApiCommand {

    @Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String id;

    @Override
    public Integer call() {
        JsonNode list = api().get(Artifacts.path(id) + "/versions");
        if (output().json()) {
            output().json(list);
        } else {
            output().table(
                            list.path("items"),
                            "VERSION",
                            "version",
                            "TYPE",
                            "contentType",
                            "SIZE",
                            "size",
                            "SHA256",
                            "sha256",
                            "RESTORED FROM",
                            "restoredFrom",
                            "BY",
                            "createdBy",
                            "CREATED",
                            "createdAt");
        }
        return ExitCodes.OK;
    }
}
