package dev.artifacta.command.projects;

import java.time.Instant;

/** Create a project in a tenant. */
public record CreateProject(String projectId, String tenantId, String slug, String name, Instant now) {}
