package dev.artifacta.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import picocli.CommandLine.Command;

/** {@code artifacta agents}: identities that keys can act as (needs {@code agents:manage}). */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "Create, list, read, rename, change the role of, disable and enable agents.",
        subcommands = {
            AgentsCreateCommand.class,
            AgentsListCommand.class,
            AgentsGetCommand.class,
            AgentsRenameCommand.class,
            AgentsSetRoleCommand.class,
            AgentsDisableCommand.class,
            AgentsEnableCommand.class
        })
public final class AgentsCommand {

    static final String[] COLUMNS = {
        "ID",
        "id",
        "NAME",
        "name",
        "ROLE",
        "role",
        "STATUS",
        "status",
        "SPONSOR",
        "sponsor.displayName",
        "CREATED",
        "createdAt"
    };

    static void print(Output out, JsonNode agent) {
        if (out.json()) {
            out.json(agent);
            return;
        }
        var fields = Output.fields();
        fields.put("ID", Json.text(agent, "id"));
        fields.put("Name", Json.text(agent, "name"));
        fields.put("Description", Json.text(agent, "description"));
        fields.put("Role", Json.text(agent, "role"));
        fields.put("Status", Json.text(agent, "status"));
        fields.put("Sponsor", Json.text(agent, "sponsor", "displayName"));
        fields.put("Created", Json.text(agent, "createdAt"));
        fields.put("Updated", Json.text(agent, "updatedAt"));
        out.fields(fields);
    }
}
