package dev.artifacta.query.artifacts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One version of an artifact. {@code id} is {@code <artifactId>:<version>}. */
@MappedEntity("artifact_versions")
public record ArtifactVersionRow(
        @Id String id,
        String artifactId,
        String tenantId,
        long version,
        String sha256,
        long size,
        String contentType,
        @Nullable String fileName,
        @Nullable Long restoredFrom,
        String createdByName,
        Instant createdAt) {

    public static String idOf(String artifactId, long version) {
        return artifactId + ":" + version;
    }
}
