package dev.artifacta.cli.projects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import picocli.CommandLine.Command;

/** {@code artifacta projects list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the tenant's projects.")
public final class ProjectsListCommand extends ApiCommand {

    @Override
    public Integer call() {
        JsonNode list = api().get("/v1/projects");
        if (output().json()) {
            output().json(list);
        } else {
            output().table(list.path("items"), ProjectsCommand.COLUMNS);
        }
        return ExitCodes.OK;
    }
}
