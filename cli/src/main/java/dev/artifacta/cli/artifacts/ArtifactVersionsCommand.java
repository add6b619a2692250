package dev.artifacta.cli.artifacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.Pages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artifacta artifact versions ID}: newest first, within the plan's history, every page. */
@Command(name = "versions", mixinStandardHelpOptions = true, description = "List an artifact's versions, newest first.")
public final class ArtifactVersionsCommand extends ApiCommand {

    @Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String id;

    @Override
    public Integer call() {
        ArrayNode items = Pages.all(api(), Artifacts.path(id) + "/versions");
        if (output().json()) {
            output().json(Pages.document(items));
        } else {
            output().table(
                            items,
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
