package dev.artifacta.query.artifacts;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the artifact views. Deleted artifacts are never returned; versions other than the head
 * are returned only within the plan's version history ({@code historyDays} before {@code now}).
 */
@Singleton
public class ArtifactQueries {

    private final ArtifactHeadsRepository heads;
    private final ArtifactVersionsRepository versions;

    public ArtifactQueries(ArtifactHeadsRepository heads, ArtifactVersionsRepository versions) {
        this.heads = heads;
        this.versions = versions;
    }

    /** The artifact, whatever its tenant (callers check access); empty when unknown or deleted. */
    public Optional<ArtifactHeadRow> head(String artifactId) {
        return heads.findById(artifactId).filter(row -> row.deletedAt() == null);
    }

    /** A page of a project's artifacts ordered by id, after the given id. */
    public List<ArtifactHeadRow> page(String tenantId, String projectId, String afterId, int limit) {
        return heads.findPage(tenantId, projectId, afterId == null ? "" : afterId, limit);
    }

    /** Up to {@code limit} readable versions below version {@code before}, newest first. */
    public List<ArtifactVersionRow> versions(
            ArtifactHeadRow head, int historyDays, Instant now, long before, int limit) {
        return versions.findReadablePage(
                head.artifactId(), head.headVersion(), now.minus(Duration.ofDays(historyDays)), before, limit);
    }

    /** One version, if it exists and is readable. */
    public Optional<ArtifactVersionRow> version(ArtifactHeadRow head, long version, int historyDays, Instant now) {
        return versions.findById(ArtifactVersionRow.idOf(head.artifactId(), version))
                .filter(v -> isReadable(head, v, historyDays, now));
    }

    static boolean isReadable(ArtifactHeadRow head, ArtifactVersionRow version, int historyDays, Instant now) {
        return version.version() == head.headVersion()
                || !version.createdAt().isBefore(now.minus(Duration.ofDays(historyDays)));
    }
}
