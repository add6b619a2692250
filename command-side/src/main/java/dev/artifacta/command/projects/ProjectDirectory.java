package dev.artifacta.command.projects;

import java.util.Optional;

/** The tenant's projects by slug (the command side's lookup table). */
public interface ProjectDirectory {

    boolean isSlugTaken(String tenantId, String slug);

    /** The id of the tenant's project with that slug. */
    Optional<String> findIdBySlug(String tenantId, String slug);
}
