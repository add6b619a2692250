package dev.artifacta.server.artifacts;

import dev.artifacta.command.artifacts.AppendArtifactVersion;
import dev.artifacta.command.artifacts.AppendedVersion;
import dev.artifacta.command.artifacts.NewContent;
import dev.artifacta.command.artifacts.StoredContent;
import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.events.ContentRef;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactQueries;
import dev.artifacta.query.artifacts.ArtifactVersionRow;
import dev.artifacta.query.projects.ProjectListRepository;
import dev.artifacta.query.projects.ProjectListRow;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactViews.ArtifactView;
import dev.artifacta.server.artifacts.ArtifactViews.VersionView;
import dev.artifacta.server.http.ContentDisposition;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/**
 * The artifact use cases that more than one entry point offers (the artifact routes and share
 * links): reading an authorized artifact, its content, and appending a version. Callers authorize
 * first, through {@link ArtifactGuard}.
 */
@Singleton
public class ArtifactService {

    private final ArtifactQueries artifacts;
    private final ProjectListRepository projectNames;
    private final StoredContent contents;
    private final ContentLimits limits;
    private final Commands commands;
    private final ReadModelBarrier barrier;
    private final Clock clock;

    public ArtifactService(
            ArtifactQueries artifacts,
            ProjectListRepository projectNames,
            StoredContent contents,
            ContentLimits limits,
            Commands commands,
            ReadModelBarrier barrier,
            Clock clock) {
        this.artifacts = artifacts;
        this.projectNames = projectNames;
        this.contents = contents;
        this.limits = limits;
        this.commands = commands;
        this.barrier = barrier;
        this.clock = clock;
    }

    /** An authorized artifact as shown to callers. */
    public ArtifactView view(ArtifactHeadRow head) {
        return ArtifactViews.of(
                head,
                projectNames
                        .findById(head.projectId())
                        .map(ProjectListRow::slug)
                        .orElse(null));
    }

    /** The version if it exists and is within the plan's history (the head always is); else 404. */
    public ArtifactVersionRow readableVersion(ArtifactHeadRow head, long version, PlanFeatures plan) {
        return artifacts
                .version(head, version, plan.versionHistoryDays(), clock.instant())
                .orElseThrow(() -> Problems.notFound(
                        "version-not-found", "There is no readable version " + version + " of this artifact."));
    }

    /** The raw bytes of a version with its stored type. */
    public HttpResponse<byte[]> content(ArtifactHeadRow head, ArtifactVersionRow row) {
        byte[] bytes = contents.read(head.tenantId(), row.sha256()).orElseThrow();
        var response = HttpResponse.ok(bytes)
                .contentType(MediaType.of(row.contentType()))
                .header(HttpHeaders.ETAG, "\"" + row.sha256() + "\"")
                .header("X-Artifact-Version", Long.toString(row.version()));
        if (row.fileName() != null) {
            response.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline(row.fileName()));
        }
        return response;
    }

    /**
     * Appends a version for an authorized principal (a key, a public editor or an editor share link).
     * {@code contentPath} is where that caller reads content, for the {@code Location} of the answer.
     */
    public HttpResponse<VersionView> appendVersion(
            String contentPath,
            ArtifactHeadRow head,
            VersionRequest body,
            Long expectedVersion,
            PlanFeatures plan,
            Principal principal,
            RequestInfo requestInfo) {
        NewContent content =
                limits.versionOf(body.content(), body.contentBase64(), body.contentType(), body.fileName());
        Instant now = clock.instant();
        AppendedVersion appended = commands.send(
                new AppendArtifactVersion(head.artifactId(), head.tenantId(), content, expectedVersion, plan, now),
                principal,
                requestInfo);
        ContentRef stored = appended.content();
        return createdVersion(
                contentPath,
                new VersionView(
                        appended.version(),
                        stored.contentType(),
                        stored.size(),
                        stored.sha256(),
                        stored.fileName(),
                        null,
                        principal.actor().displayName(),
                        now));
    }

    /**
     * Answers a new version from the command's own facts (the same the event records), so the
     * answer never depends on how far the views have got; the wait only serves the next read.
     */
    HttpResponse<VersionView> createdVersion(String contentPath, VersionView version) {
        barrier.awaitViews();
        return HttpResponse.created(version, URI.create(contentPath + "?version=" + version.version()))
                .header(HttpHeaders.ETAG, etag(version.version()));
    }

    /** Where a caller with a key (or none, for a public artifact) reads an artifact's content. */
    static String contentPath(String artifactId) {
        return "/v1/artifacts/" + artifactId + "/content";
    }

    /** {@code If-Match: "3"} (or 3, or W/"3") expects head 3; {@code *} or no header expects nothing. */
    public static Long expectedVersion(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Problems.badRequest("invalid-if-match", "If-Match must be a version number such as \"3\".");
        }
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
