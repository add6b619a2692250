package dev.artifacta.cli.agents;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artifacta agents get ID}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one agent.")
public final class AgentsGetCommand extends ApiCommand {

    @Parameters(paramLabel = "AGENT_ID", description = "the agent's id")
    String id;

    @Override
    public Integer call() {
        AgentsCommand.print(output(), api().get("/v1/agents/" + ApiClient.segment(id)));
        return ExitCodes.OK;
    }
}
