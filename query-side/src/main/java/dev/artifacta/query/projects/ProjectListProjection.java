package dev.artifacta.query.projects;

import dev.artifacta.events.ProjectCreated;
import dev.artifacta.query.infrastructure.StreamingView;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/** Builds the project list of every tenant. */
@Singleton
@ProcessingGroup(ProjectListProjection.NAME)
@StreamingView(order = 30, tables = "project_list")
public class ProjectListProjection {

    public static final String NAME = "project-list";

    private final ProjectListRepository projects;

    public ProjectListProjection(ProjectListRepository projects) {
        this.projects = projects;
    }

    @EventHandler
    void on(ProjectCreated event) {
        if (!projects.existsById(event.projectId())) {
            projects.save(new ProjectListRow(
                    event.projectId(), event.tenantId(), event.slug(), event.name(), event.createdAt()));
        }
    }

    @ResetHandler
    void reset() {
        projects.deleteAll();
    }
}
