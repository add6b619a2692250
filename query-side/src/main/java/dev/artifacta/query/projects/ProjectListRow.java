package dev.artifacta.query.projects;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One project in the project list. */
@MappedEntity("project_list")
public record ProjectListRow(@Id String projectId, String tenantId, String slug, String name, Instant createdAt) {}
