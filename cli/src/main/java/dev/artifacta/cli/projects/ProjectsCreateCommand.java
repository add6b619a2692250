package dev.artifacta.cli.projects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artifacta projects create --slug S [--name N]}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a project.")
public final class ProjectsCreateCommand extends WriteCommand {

    @Option(names = "--slug", required = true, description = "unique in the tenant, used in URLs and by push")
    String slug;

    @Option(names = "--name", description = "a display name (default: the slug)")
    String name;

    @Override
    public Integer call() {
        var body = Json.object().put("slug", slug).put("name", name == null ? slug : name);
        api().write("POST", "/v1/projects", body).ifPresent(project -> {
            if (output().json()) {
                output().json(project);
            } else {
                ArrayNode one = Json.array().add(project);
                output().table(one, ProjectsCommand.COLUMNS);
            }
        });
        return ExitCodes.OK;
    }
}
