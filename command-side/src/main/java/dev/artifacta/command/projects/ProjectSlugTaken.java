package dev.artifacta.command.projects;

import dev.artifacta.command.shared.Rejection;

/** The tenant already has a project with the slug. */
public final class ProjectSlugTaken extends Rejection {

    public ProjectSlugTaken(String slug) {
        super(Kind.CONFLICT, "project-slug-taken", "A project with the slug '" + slug + "' already exists.");
    }
}
