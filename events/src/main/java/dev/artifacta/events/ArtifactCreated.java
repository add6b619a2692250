package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An artifact was created with its first version (version 1).
 *
 * @param tenantId the owning tenant
 * @param artifactId the artifact's id
 * @param projectId the project it belongs to
 * @param title its title
 * @param content version 1's content
 * @param publicView whether unauthenticated callers may view it
 * @param createdAt when it was created
 */
@Revision("1")
public record ArtifactCreated(
        String tenantId,
        String artifactId,
        String projectId,
        String title,
        ContentRef content,
        boolean publicView,
        Instant createdAt)
        implements ArtifactEvent {}
