package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An older version's content became the head again, as a new version.
 *
 * @param tenantId the owning tenant
 * @param artifactId the artifact
 * @param version the new version number
 * @param restoredFrom the version whose content was restored
 * @param content the restored content (equal to that version's)
 * @param restoredAt when it was restored
 */
@Revision("1")
public record ArtifactRestored(
        String tenantId, String artifactId, long version, long restoredFrom, ContentRef content, Instant restoredAt)
        implements ArtifactEvent {}
