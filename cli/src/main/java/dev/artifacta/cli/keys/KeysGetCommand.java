package dev.artifacta.cli.keys;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artifacta keys get ID}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one API key.")
public final class KeysGetCommand extends ApiCommand {

    @Parameters(paramLabel = "KEY_ID", description = "the key's id")
    String id;

    @Override
    public Integer call() {
        KeyPrinter.print(output(), api().get("/v1/api-keys/" + ApiClient.segment(id)));
        return ExitCodes.OK;
    }
}
