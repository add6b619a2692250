package dev.artifacta.cli.agents;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artifacta agents enable ID}. */
@Command(
        name = "enable",
        mixinStandardHelpOptions = true,
        description = "Enable a disabled agent: its keys work again.")
public final class AgentsEnableCommand extends WriteCommand {

    @Parameters(paramLabel = "AGENT_ID", description = "the agent's id")
    String id;

    @Override
    public Integer call() {
        api().write("POST", "/v1/agents/" + ApiClient.segment(id) + "/enable", null)
                .ifPresent(agent -> AgentsCommand.print(output(), agent));
        return ExitCodes.OK;
    }
}
