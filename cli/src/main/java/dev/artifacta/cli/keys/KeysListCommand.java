package dev.artifacta.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artifacta keys list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (never their secrets).")
public final class KeysListCommand extends ApiCommand {

    @Option(names = "--status", paramLabel = "STATUS", description = "active (default), expired, revoked or all")
    String status;

    @Override
    public Integer call() {
        JsonNode list = api().get("/v1/api-keys" + ApiClient.query("status", status));
        if (output().json()) {
            output().json(list);
        } else {
            output().table(list.path("items"), KeysCommand.COLUMNS);
        }
        return ExitCodes.OK;
    }
}
