package dev.artifacta.cli.keys;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta keys revoke ID}: the key is refused from the next request on. */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revoke an API key: it is refused from the next request on.")
public final class KeysRevokeCommand extends WriteCommand {

    @Parameters(paramLabel = "KEY_ID", description = "the key's id")
    String id;

    @Option(
            names = {"-y", "--yes"},
            description = "do not ask for confirmation")
    boolean yes;

    @Override
    public Integer call() {
        if (!dryRun()) {
            prompts().confirm("Revoke key " + id + "?", yes, "pass --yes to revoke without asking");
        }
        api().write("DELETE", "/v1/api-keys/" + ApiClient.segment(id), null)
                .ifPresent(key -> KeyPrinter.print(output(), key));
        return ExitCodes.OK;
    }
}
