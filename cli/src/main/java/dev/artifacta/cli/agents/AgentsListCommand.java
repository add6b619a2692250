package dev.artifacta.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import picocli.CommandLine.Command;

/** {@code artifacta agents list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List agents.")
public final class AgentsListCommand extends ApiCommand {

    @Override
    public Integer call() {
        JsonNode list = api().get("/v1/agents");
        if (output().json()) {
            output().json(list);
        } else {
            output().table(list.path("items"), AgentsCommand.COLUMNS);
        }
        return ExitCodes.OK;
    }
}
