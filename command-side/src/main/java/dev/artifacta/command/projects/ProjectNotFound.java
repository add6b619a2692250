package dev.artifacta.command.projects;

import dev.artifacta.command.shared.Rejection;

/** The tenant has no project with that slug. */
public final class ProjectNotFound extends Rejection {

    public ProjectNotFound(String slug) {
        super(Kind.NOT_FOUND, "project-not-found", "There is no project '" + slug + "'.");
    }
}
