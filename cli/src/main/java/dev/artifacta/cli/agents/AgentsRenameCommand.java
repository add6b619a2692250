package dev.artifacta.cli.agents;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta agents rename ID --name NEW}. */
@Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename an agent.")
public final class AgentsRenameCommand extends WriteCommand {

    @Parameters(paramLabel = "AGENT_ID", description = "the agent's id")
    String id;

    @Option(names = "--name", required = true, description = "the new name")
    String name;

    @Override
    public Integer call() {
        api().write(
                        "PATCH",
                        "/v1/agents/" + ApiClient.segment(id),
                        Json.object().put("name", name))
                .ifPresent(agent -> AgentsCommand.print(output(), agent));
        return ExitCodes.OK;
    }
}
