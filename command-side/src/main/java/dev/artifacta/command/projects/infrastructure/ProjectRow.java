package dev.artifacta.command.projects.infrastructure;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One row of the project lookup table. */
@MappedEntity("project_registry")
public record ProjectRow(@Id String projectId, String tenantId, String slug, String name, Instant createdAt) {}
