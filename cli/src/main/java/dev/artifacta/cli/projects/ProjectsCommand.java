package dev.artifacta.cli.projects;

import picocli.CommandLine.Command;

/** {@code artifacta projects}: where artifacts live; every tenant has {@code default}. */
@Command(
        name = "projects",
        mixinStandardHelpOptions = true,
        description = "List and create projects.",
        subcommands = {ProjectsListCommand.class, ProjectsCreateCommand.class})
public final class ProjectsCommand {

    static final String[] COLUMNS = {"SLUG", "slug", "NAME", "name", "ID", "id", "CREATED", "createdAt"};
}
