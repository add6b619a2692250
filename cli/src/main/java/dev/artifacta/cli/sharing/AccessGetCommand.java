package dev.artifacta.cli.sharing;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artifacta access get --artifact-id ID}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show an artifact's access settings.")
public final class AccessGetCommand extends ApiCommand {

    @Option(names = "--artifact-id", required = true, paramLabel = "ID", description = "the artifact")
    String artifactId;

    @Override
    public Integer call() {
        AccessCommand.print(output(), api().get(AccessCommand.path(artifactId)));
        return ExitCodes.OK;
    }
}
