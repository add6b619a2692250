package dev.artifacta.cli.artifacts;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta artifact restore ID --version n}: that version's content as the new head. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = "Restore a version: its content becomes the head, as a new version.")
public final class ArtifactRestoreCommand extends WriteCommand {

    @Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String id;

    @Option(names = "--version", required = true, paramLabel = "N", description = "the version to restore")
    long version;

    @Override
    public Integer call() {
        api().write("POST", Artifacts.path(id) + "/restore", Json.object().put("version", version))
                .ifPresent(created -> Artifacts.printVersion(output(), created));
        return ExitCodes.OK;
    }
}
