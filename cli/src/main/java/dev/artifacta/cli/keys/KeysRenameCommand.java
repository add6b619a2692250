package dev.artifacta.cli.keys;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta keys rename ID --name NEW}: the key keeps working under its new name. */
@Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename an API key.")
public final class KeysRenameCommand extends WriteCommand {

    @Parameters(paramLabel = "KEY_ID", description = "the key's id")
    String id;

    @Option(names = "--name", required = true, description = "the new name")
    String name;

    @Override
    public Integer call() {
        api().write(
                        "PATCH",
                        "/v1/api-keys/" + ApiClient.segment(id),
                        Json.object().put("name", name))
                .ifPresent(key -> KeyPrinter.print(output(), key));
        return ExitCodes.OK;
    }
}
