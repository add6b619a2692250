package dev.artifacta.cli.agents;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artifacta agents disable ID}. */
@Command(
        name = "disable",
        mixinStandardHelpOptions = true,
        description = "Disable an agent: all of its keys are refused from the next request on.")
public final class AgentsDisableCommand extends WriteCommand {

    @Parameters(paramLabel = "AGENT_ID", description = "the agent's id")
    String id;

    @Override
    public Integer call() {
        api().write("POST", "/v1/agents/" + ApiClient.segment(id) + "/disable", null)
                .ifPresent(agent -> AgentsCommand.print(output(), agent));
        return ExitCodes.OK;
    }
}
