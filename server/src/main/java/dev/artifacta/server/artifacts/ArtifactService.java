package dev.artifacta.server.artifacts;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.artifacta.command.artifacts.AppendArtifactVersion;
import dev.artifacta.command.artifacts.AppendedVersion;
import dev.artifacta.command.artifacts.NewContent;
import dev.artifacta.command.artifacts.RestoreArtifactVersion;
import dev.artifacta.command.artifacts.StoredContent;
import dev.artifacta.command.artifacts.UpdateArtifactAccess;
import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.events.ContentRef;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactQueries;
import dev.artifacta.query.artifacts.ArtifactVersionRow;
import dev.artifacta.query.projects.ProjectListRepository;
import dev.artifacta.query.projects.ProjectListRow;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactViews.AccessView;
import dev.artifacta.server.artifacts.ArtifactViews.ArtifactView;
import dev.artifacta.server.artifacts.ArtifactViews.DiffView;
import dev.artifacta.server.artifacts.ArtifactViews.VersionView;
import dev.artifacta.server.http.ContentDisposition;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /** The tenant's projects by slug (at most {@code limit}); the caller has authorized the tenant. */
    public List<ProjectListRow> projects(String tenantId, int limit) {
        return projectNames.findPage(tenantId, "", limit);
    }

    /** The first artifacts of a tenant's project (at most {@code limit}); the caller has authorized the tenant. */
    public List<ArtifactHeadRow> artifactsOf(String tenantId, String projectId, int limit) {
        return artifacts.page(tenantId, projectId, null, limit);
    }

    /** Two versions compared: a unified diff when both are text, else only whether they are identical. */
    public record VersionDiff(
            ArtifactVersionRow from,
            ArtifactVersionRow to,
            boolean identical,
            @Nullable String unified) {

        public boolean text() {
            return unified != null;
        }
    }

    /** Compares two readable versions of an authorized artifact (the API's diff and the console's). */
    public VersionDiff compare(ArtifactHeadRow head, long from, long to, PlanFeatures plan) {
        ArtifactVersionRow a = readableVersion(head, from, plan);
        ArtifactVersionRow b = readableVersion(head, to, plan);
        String leftText = text(head, a).orElse(null);
        String rightText = text(head, b).orElse(null);
        String unified = null;
        if (leftText != null && rightText != null) {
            List<String> original = leftText.lines().toList();
            List<String> revised = rightText.lines().toList();
            unified = String.join(
                    "\n",
                    UnifiedDiffUtils.generateUnifiedDiff(
                            "v" + from, "v" + to, original, DiffUtils.diff(original, revised), 3));
        }
        return new VersionDiff(a, b, a.sha256().equals(b.sha256()), unified);
    }

    /**
     * Restores a readable version of an authorized artifact as a new head (the API's restore and
     * the console's), and answers the new version from the command's facts.
     */
    public VersionView restoreVersion(
            ArtifactHeadRow head,
            long version,
            Long expectedVersion,
            PlanFeatures plan,
            Principal caller,
            RequestInfo requestInfo) {
        ArtifactVersionRow source = readableVersion(head, version, plan);
        Instant now = clock.instant();
        long restored = commands.send(
                new RestoreArtifactVersion(head.artifactId(), head.tenantId(), version, expectedVersion, plan, now),
                caller,
                requestInfo);
        // The next read (the console's page after its redirect, the API client's) sees the new head.
        barrier.awaitViews();
        return new VersionView(
                restored,
                source.contentType(),
                source.size(),
                source.sha256(),
                source.fileName(),
                source.version(),
                caller.actor().displayName(),
                now);
    }

    /** The readable versions of an authorized artifact below {@code before}, newest first. */
    public List<ArtifactVersionRow> versions(ArtifactHeadRow head, PlanFeatures plan, long before, int limit) {
        return artifacts.versions(head, plan.versionHistoryDays(), clock.instant(), before, limit);
    }

    /** A version's content as text, when its type is textual and it decodes as UTF-8. */
    public Optional<String> text(ArtifactHeadRow head, ArtifactVersionRow version) {
        String type = version.contentType().toLowerCase(java.util.Locale.ROOT);
        boolean textual = type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("yaml")
                || type.contains("javascript");
        if (!textual) {
            return Optional.empty();
        }
        byte[] bytes = contents.read(head.tenantId(), version.sha256()).orElseThrow();
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * Changes an authorized artifact's access settings (the API's and the console's): the public
     * switches and the email allowlist, as far as the plan allows; answers the settings now in force.
     */
    public AccessView updateAccess(
            ArtifactHeadRow head,
            boolean publicView,
            boolean publicEdit,
            List<String> viewerEmails,
            Long expectedVersion,
            PlanFeatures plan,
            Principal caller,
            RequestInfo requestInfo) {
        commands.send(
                new UpdateArtifactAccess(
                        head.artifactId(),
                        head.tenantId(),
                        publicView,
                        publicEdit,
                        viewerEmails,
                        expectedVersion,
                        plan,
                        clock.instant()),
                caller,
                requestInfo);
        barrier.awaitViews();
        return ArtifactViews.accessOf(artifacts.head(head.artifactId()).orElseThrow());
    }

    /** Where a caller with a key (or none, for a public artifact) reads an artifact's content. */
    static String contentPath(String artifactId) {
        return "/v1/artifacts/" + artifactId + "/content";
    }

    /** The request's {@code If-Match}, as {@link #expectedVersion(String)} reads it. */
    public static Long expectedVersion(HttpRequest<?> request) {
        return expectedVersion(request.getHeaders().get(io.micronaut.http.HttpHeaders.IF_MATCH));
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

    /** The API's diff of two readable versions: a unified diff for text, a summary for binary content. */
    public DiffView diff(ArtifactHeadRow head, long from, long to, PlanFeatures plan) {
        VersionDiff compared = compare(head, from, to, plan);
        return new DiffView(
                from,
                to,
                compared.text(),
                compared.identical(),
                compared.unified(),
                ArtifactViews.of(compared.from()),
                ArtifactViews.of(compared.to()));
    }

    /** Restores a readable version as the new head, for an authorized principal: the API's 201. */
    public HttpResponse<VersionView> restore(
            ArtifactHeadRow head,
            long version,
            Long expectedVersion,
            PlanFeatures plan,
            Principal principal,
            RequestInfo requestInfo) {
        return createdVersion(
                contentPath(head.artifactId()),
                restoreVersion(head, version, expectedVersion, plan, principal, requestInfo));
    }

    /** The bytes of a version of the artifact. */
    public byte[] bytes(ArtifactHeadRow head, ArtifactVersionRow row) {
        return contents.read(head.tenantId(), row.sha256()).orElseThrow();
    }

    /** The content as text, if its type is textual and it decodes as UTF-8; else null. */
    public static String textOf(ArtifactVersionRow version, byte[] bytes) {
        String type = version.contentType().toLowerCase(java.util.Locale.ROOT);
        boolean textual = type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("yaml")
                || type.contains("javascript");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
