package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A new version became the artifact's head.
 *
 * @param tenantId the owning tenant
 * @param artifactId the artifact
 * @param version the new version number (the previous head plus one)
 * @param content the version's content
 * @param appendedAt when it was appended
 */
@Revision("1")
public record ArtifactVersionAppended(
        String tenantId, String artifactId, long version, ContentRef content, Instant appendedAt)
        implements ArtifactEvent {}
