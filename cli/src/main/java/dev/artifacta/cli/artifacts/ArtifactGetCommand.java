package dev.artifacta.cli.artifacts;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artifacta artifact get ID}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show an artifact and its head version.")
public final class ArtifactGetCommand extends ApiCommand {

    @Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String id;

    @Override
    public Integer call() {
        Artifacts.print(output(), api().get(Artifacts.path(id)));
        return ExitCodes.OK;
    }
}
