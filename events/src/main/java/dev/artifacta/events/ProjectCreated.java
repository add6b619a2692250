package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A project was created in a tenant (every tenant gets {@code default} when it signs up).
 *
 * @param tenantId the owning tenant
 * @param projectId the project's id
 * @param slug the URL-safe name, unique per tenant
 * @param name the display name
 * @param createdAt when it was created
 */
@Revision("1")
public record ProjectCreated(String tenantId, String projectId, String slug, String name, Instant createdAt)
        implements ProjectEvent {}
