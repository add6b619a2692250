package dev.artifacta.cli.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artifacta agents create}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create an agent; you become its sponsor.")
public final class AgentsCreateCommand extends WriteCommand {

    @Option(names = "--name", required = true, description = "a name unique in the tenant")
    String name;

    @Option(names = "--description", description = "what the agent does")
    String description;

    @Option(names = "--role", paramLabel = "ROLE", description = "admin, editor (default) or viewer")
    String role;

    @Override
    public Integer call() {
        ObjectNode body = Json.object().put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        if (role != null) {
            body.put("role", role);
        }
        api().write("POST", "/v1/agents", body).ifPresent(agent -> AgentsCommand.print(output(), agent));
        return ExitCodes.OK;
    }
}
