package dev.artifacta.command.projects.infrastructure;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.command.projects.ProjectDirectory;
import dev.artifacta.events.ProjectCreated;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/** Keeps the project lookup table (slug per tenant) in step, in the append's transaction. */
@Singleton
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class ProjectRegistryProjection implements ProjectDirectory {

    private final ProjectRegistryRepository projects;

    public ProjectRegistryProjection(ProjectRegistryRepository projects) {
        this.projects = projects;
    }

    @EventHandler
    void on(ProjectCreated event) {
        if (!projects.existsById(event.projectId())) {
            projects.save(
                    new ProjectRow(event.projectId(), event.tenantId(), event.slug(), event.name(), event.createdAt()));
        }
    }

    @ResetHandler
    void reset() {
        projects.deleteAll();
    }

    @Override
    public boolean isSlugTaken(String tenantId, String slug) {
        return projects.existsByTenantIdAndSlug(tenantId, slug);
    }

    @Override
    public Optional<String> findIdBySlug(String tenantId, String slug) {
        return projects.findByTenantIdAndSlug(tenantId, slug).map(ProjectRow::projectId);
    }
}
