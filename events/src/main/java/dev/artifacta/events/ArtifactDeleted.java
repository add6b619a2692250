package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An artifact was soft-deleted: gone from lists and reads, still in the history and audit trail.
 *
 * @param tenantId the owning tenant
 * @param artifactId the artifact
 * @param deletedAt when it was deleted
 */
@Revision("1")
public record ArtifactDeleted(String tenantId, String artifactId, Instant deletedAt) implements ArtifactEvent {}
