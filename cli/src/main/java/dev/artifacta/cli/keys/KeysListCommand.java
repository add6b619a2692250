package dev.artifacta.cli.keys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.Pages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artifacta keys list}: every page. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List API keys (never their secrets), all pages.")
public final class KeysListCommand extends ApiCommand {

    @Option(names = "--status", paramLabel = "STATUS", description = "active (default), expired, revoked or all")
    String status;

    @Override
    public Integer call() {
        ArrayNode items = Pages.all(api(), "/v1/api-keys", "status", status);
        if (output().json()) {
            output().json(Pages.document(items));
        } else {
            output().table(items, KeysCommand.COLUMNS);
        }
        return ExitCodes.OK;
    }
}
