package dev.artifacta.server.artifacts;

import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactVersionRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** How artifacts, versions and access settings look in responses. */
public final class ArtifactViews {

    private ArtifactViews() {}

    /** An artifact with its head version. */
    @Schema(name = "Artifact")
    @Serdeable
    public record ArtifactView(
            String id,
            String project,
            String title,
            long version,
            String contentType,
            long size,
            String sha256,
            @Nullable String fileName,
            boolean publicView,
            boolean publicEdit,
            String createdBy,
            Instant createdAt,
            Instant updatedAt) {}

    /** One version. */
    @Schema(name = "ArtifactVersion")
    @Serdeable
    public record VersionView(
            long version,
            String contentType,
            long size,
            String sha256,
            @Nullable String fileName,
            @Nullable Long restoredFrom,
            String createdBy,
            Instant createdAt) {}

    /** Access settings. */
    @Schema(name = "ArtifactAccess")
    @Serdeable
    public record AccessView(boolean publicView, boolean publicEdit, List<String> viewerEmails) {}

    static ArtifactView of(ArtifactHeadRow row, String projectSlug) {
        return new ArtifactView(
                row.artifactId(),
                projectSlug,
                row.title(),
                row.headVersion(),
                row.headContentType(),
                row.headSize(),
                row.headSha256(),
                row.headFileName(),
                row.publicView(),
                row.publicEdit(),
                row.createdByName(),
                row.createdAt(),
                row.updatedAt());
    }

    public static VersionView of(ArtifactVersionRow row) {
        return new VersionView(
                row.version(),
                row.contentType(),
                row.size(),
                row.sha256(),
                row.fileName(),
                row.restoredFrom(),
                row.createdByName(),
                row.createdAt());
    }

    public static AccessView accessOf(ArtifactHeadRow row) {
        return new AccessView(
                row.publicView(),
                row.publicEdit(),
                Arrays.stream(row.viewerEmails().split(","))
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    /** A diff of two versions: unified text, or a summary for binary content. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ArtifactDiff")
    @Serdeable
    public record DiffView(
            long from,
            long to,
            boolean text,
            boolean identical,
            @Nullable String unified,
            VersionView fromVersion,
            VersionView toVersion) {}
}
