package dev.artifacta.cli.projects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.Pages;
import picocli.CommandLine.Command;

/** {@code artifacta projects list}: every page. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the tenant's projects, all pages.")
public final class ProjectsListCommand extends ApiCommand {

    @Override
    public Integer call() {
        ArrayNode items = Pages.all(api(), "/v1/projects");
        if (output().json()) {
            output().json(Pages.document(items));
        } else {
            output().table(items, ProjectsCommand.COLUMNS);
        }
        return ExitCodes.OK;
    }
}
