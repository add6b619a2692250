package dev.artifacta.cli.agents;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta agents set-role ID --role ROLE}: the agent's keys act with it at once. */
@Command(
        name = "set-role",
        mixinStandardHelpOptions = true,
        description = "Change an agent's role; its keys act with the new role from the next request.")
public final class AgentsSetRoleCommand extends WriteCommand {

    @Parameters(paramLabel = "AGENT_ID", description = "the agent's id")
    String id;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, editor or viewer")
    String role;

    @Override
    public Integer call() {
        api().write(
                        "PATCH",
                        "/v1/agents/" + ApiClient.segment(id),
                        Json.object().put("role", role))
                .ifPresent(agent -> AgentsCommand.print(output(), agent));
        return ExitCodes.OK;
    }
}
