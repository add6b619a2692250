package dev.artifacta.query.artifacts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An artifact's current state: metadata, head version and access settings. Soft-deleted artifacts
 * keep their row with {@code deletedAt} set and are filtered out of every read.
 */
@MappedEntity("artifact_heads")
public record ArtifactHeadRow(
        @Id String artifactId,
        String tenantId,
        String projectId,
        String title,
        long headVersion,
        String headSha256,
        long headSize,
        String headContentType,
        @Nullable String headFileName,
        boolean publicView,
        boolean publicEdit,
        String viewerEmails,
        String createdByName,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant deletedAt) {}
