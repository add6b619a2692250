package dev.artifacta.server.artifacts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.artifacta.command.artifacts.ContentStore;
import dev.artifacta.command.artifacts.CreateArtifact;
import dev.artifacta.command.artifacts.DeleteArtifact;
import dev.artifacta.command.artifacts.NewContent;
import dev.artifacta.command.artifacts.StoredContent;
import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.command.projects.ProjectDirectory;
import dev.artifacta.command.projects.ProjectNotFound;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactQueries;
import dev.artifacta.query.artifacts.ArtifactVersionRow;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactViews.AccessView;
import dev.artifacta.server.artifacts.ArtifactViews.ArtifactView;
import dev.artifacta.server.artifacts.ArtifactViews.DiffView;
import dev.artifacta.server.artifacts.ArtifactViews.VersionView;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.Pages;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.http.openapi.ApiSecurity;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Artifacts and their versions. Every endpoint asks the access policy (through
 * {@link ArtifactGuard}); reads of public artifacts work without a key.
 */
@Controller("/v1/artifacts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Artifacts")
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.NotFound
@ApiProblems.TooManyRequests
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArtifactsController {

    /** A new artifact: text in {@code content} or bytes in {@code contentBase64}. */
    @Schema(name = "CreateArtifactRequest")
    @Serdeable
    public record CreateArtifactRequest(
            @Nullable @Size(max = 63) String project,
            @NotBlank @Size(max = 200) String title,
            @Nullable String content,
            @Nullable String contentBase64,
            @Nullable @Size(max = 300) String contentType,
            @Nullable @Size(max = 255) String fileName,
            @JsonProperty("private") @Nullable Boolean makePrivate) {}

    /** Which version to restore. */
    @Schema(name = "RestoreVersionRequest")
    @Serdeable
    public record RestoreRequest(@NotNull @Min(1) Long version) {}

    /** New access settings. */
    @Schema(name = "ArtifactAccessRequest")
    @Serdeable
    public record AccessRequest(
            @NotNull Boolean publicView,
            @NotNull Boolean publicEdit,
            @Nullable @Size(max = 100) List<@NotBlank @Size(max = 254) String> viewerEmails) {}

    /** A page of artifacts. */
    @Schema(name = "ArtifactPage")
    @Serdeable
    public record ArtifactPage(
            List<ArtifactView> items, @Nullable String nextCursor) {}

    /** A page of an artifact's versions, newest first; pass {@code nextCursor} as {@code cursor} for the next. */
    @Schema(name = "ArtifactVersionPage")
    @Serdeable
    public record VersionList(
            List<VersionView> items, @Nullable String nextCursor) {}

    /** A page of versions ends at its last (lowest) version number. */
    private static final String VERSION_CURSOR = "v1";

    private final ArtifactGuard guard;
    private final ArtifactService service;
    private final ArtifactQueries artifacts;
    private final ProjectDirectory projects;
    private final StoredContent contents;
    private final ContentLimits limits;
    private final Commands commands;
    private final ReadModelBarrier barrier;
    private final Clock clock;

    public ArtifactsController(
            ArtifactGuard guard,
            ArtifactService service,
            ArtifactQueries artifacts,
            ProjectDirectory projects,
            StoredContent contents,
            ContentLimits limits,
            Commands commands,
            ReadModelBarrier barrier,
            Clock clock) {
        this.guard = guard;
        this.service = service;
        this.artifacts = artifacts;
        this.projects = projects;
        this.contents = contents;
        this.limits = limits;
        this.commands = commands;
        this.barrier = barrier;
        this.clock = clock;
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "createArtifact",
            summary = "Create an artifact",
            description = "Version 1 with its content, in a project (default: default); private needs Pro or Team.")
    @ApiAnswers.CreatedVersion
    @ApiProblems.Conflict
    @ApiProblems.ContentTooLarge
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<ArtifactView> create(HttpRequest<?> request, @Body @Valid CreateArtifactRequest body) {
        Principal caller = guard.authorizeTenant(request, Action.ARTIFACT_CREATE);
        String tenantId = Principals.tenantOf(caller);
        String slug = body.project() == null ? "default" : body.project();
        String projectId = projects.findIdBySlug(tenantId, slug).orElseThrow(() -> new ProjectNotFound(slug));
        NewContent content =
                limits.contentOf(body.content(), body.contentBase64(), body.contentType(), body.fileName());
        String artifactId = UUID.randomUUID().toString();
        boolean makePrivate = Boolean.TRUE.equals(body.makePrivate());
        Instant now = clock.instant();
        commands.send(
                new CreateArtifact(
                        artifactId,
                        tenantId,
                        projectId,
                        body.title(),
                        content,
                        makePrivate,
                        guard.featuresOf(request, tenantId),
                        now),
                caller,
                RequestInfos.of(request));
        barrier.awaitViews();
        // Answered from the command's facts, which are what the event and the views record.
        var created = new ArtifactView(
                artifactId,
                slug,
                body.title(),
                1,
                content.contentType(),
                content.bytes().length,
                ContentStore.sha256Hex(content.bytes()),
                content.fileName(),
                !makePrivate,
                false,
                caller.actor().displayName(),
                now,
                now);
        return HttpResponse.created(created, URI.create("/v1/artifacts/" + artifactId))
                .header(HttpHeaders.ETAG, ArtifactService.etag(1));
    }

    @Get
    @Operation(
            operationId = "listArtifacts",
            summary = "List a project's artifacts",
            description = "Heads, by id; limit 1 to 200, cursor from the last page.")
    public ArtifactPage list(
            HttpRequest<?> request,
            @Parameter(
                            description = "The project's slug.",
                            schema = @Schema(type = "string", maxLength = 63, defaultValue = "default"))
                    @Nullable
                    @QueryValue
                    String project,
            @ApiAnswers.Cursor @Nullable @QueryValue String cursor,
            @ApiAnswers.Limit @Nullable @QueryValue Integer limit) {
        Principal caller = guard.authorizeTenant(request, Action.ARTIFACT_VIEW);
        String tenantId = Principals.tenantOf(caller);
        String slug = project == null ? "default" : project;
        String projectId = projects.findIdBySlug(tenantId, slug).orElseThrow(() -> new ProjectNotFound(slug));
        int size = Pages.limit(limit);
        List<ArtifactHeadRow> rows = artifacts.page(tenantId, projectId, decodeCursor(cursor), size + 1);
        List<ArtifactHeadRow> page = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? encodeCursor(page.getLast().artifactId()) : null;
        return new ArtifactPage(
                page.stream().map(row -> ArtifactViews.of(row, slug)).toList(), next);
    }

    @Get("/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS) // public artifacts: the access policy decides
    @ApiSecurity.OptionalCredentials
    @Operation(
            operationId = "getArtifact",
            summary = "Read an artifact",
            description = "Metadata and head; ETag is the head version.")
    @ApiAnswers.OkWithVersion
    public HttpResponse<ArtifactView> read(HttpRequest<?> request, @PathVariable String id) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_VIEW);
        return HttpResponse.ok(service.view(head)).header(HttpHeaders.ETAG, ArtifactService.etag(head.headVersion()));
    }

    @Get("/{id}/versions")
    @Secured(SecurityRule.IS_ANONYMOUS) // public artifacts: the access policy decides
    @ApiSecurity.OptionalCredentials
    @Operation(
            operationId = "listArtifactVersions",
            summary = "List versions",
            description = "Newest first, within the plan's version history (the head always); limit 1 to 200"
                    + " (default 50), cursor from the last page's nextCursor.")
    public VersionList versions(
            HttpRequest<?> request,
            @PathVariable String id,
            @ApiAnswers.Cursor @Nullable @QueryValue String cursor,
            @ApiAnswers.Limit @Nullable @QueryValue Integer limit) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_VIEW);
        PlanFeatures plan = guard.featuresOf(request, head.tenantId());
        int size = Pages.limit(limit);
        long before = cursor == null
                ? Long.MAX_VALUE
                : Long.parseLong(
                        Pages.parts(cursor, VERSION_CURSOR, Pages::isNumber).getFirst());
        List<ArtifactVersionRow> rows = service.versions(head, plan, before, size + 1);
        List<ArtifactVersionRow> page = rows.size() > size ? rows.subList(0, size) : rows;
        return new VersionList(
                page.stream().map(ArtifactViews::of).toList(),
                rows.size() > size
                        ? Pages.cursor(
                                VERSION_CURSOR, Long.toString(page.getLast().version()))
                        : null);
    }

    @Get("/{id}/content")
    @Secured(SecurityRule.IS_ANONYMOUS) // public artifacts: the access policy decides
    @Produces(MediaType.ALL)
    @ApiSecurity.OptionalCredentials
    @Operation(
            operationId = "getArtifactContent",
            summary = "Read content",
            description = "The raw bytes of the head or of ?version=n, with the stored type.")
    @ApiAnswers.RawContent
    public HttpResponse<byte[]> content(
            HttpRequest<?> request,
            @PathVariable String id,
            @Parameter(
                            description = "A version number; the head when absent or empty.",
                            allowEmptyValue = true,
                            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
                    @Nullable
                    @QueryValue
                    Long version) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_VIEW);
        ArtifactVersionRow row = service.readableVersion(
                head, version == null ? head.headVersion() : version, guard.featuresOf(request, head.tenantId()));
        return service.content(head, row);
    }

    @Post("/{id}/versions")
    @Secured(SecurityRule.IS_ANONYMOUS) // public artifacts: the access policy decides
    @Status(HttpStatus.CREATED)
    @ApiSecurity.OptionalCredentials
    @Operation(
            operationId = "appendArtifactVersion",
            summary = "Append a version",
            description = "With If-Match: \"n\" only while n is the head (else 412).")
    @ApiAnswers.CreatedVersion
    @ApiProblems.Conflict
    @ApiProblems.PreconditionFailed
    @ApiProblems.ContentTooLarge
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<VersionView> append(
            HttpRequest<?> request,
            @PathVariable String id,
            @ApiAnswers.IfMatch @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
            @Body @Valid VersionRequest body) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_UPDATE);
        return service.appendVersion(
                ArtifactService.contentPath(id),
                head,
                body,
                ArtifactService.expectedVersion(ifMatch),
                guard.featuresOf(request, head.tenantId()),
                guard.callerOf(request),
                RequestInfos.of(request));
    }

    @Post("/{id}/restore")
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "restoreArtifactVersion",
            summary = "Restore a version",
            description = "The version's content becomes the head as a new version. With If-Match: \"n\" only"
                    + " while n is the head (else 412).")
    @ApiAnswers.CreatedVersion
    @ApiProblems.Conflict
    @ApiProblems.PreconditionFailed
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<VersionView> restore(
            HttpRequest<?> request,
            @PathVariable String id,
            @ApiAnswers.IfMatch @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
            @Body @Valid RestoreRequest body) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_RESTORE);
        return service.restore(
                head,
                body.version(),
                ArtifactService.expectedVersion(ifMatch),
                guard.featuresOf(request, head.tenantId()),
                guard.callerOf(request),
                RequestInfos.of(request));
    }

    @Get("/{id}/diff")
    @Secured(SecurityRule.IS_ANONYMOUS) // public artifacts: the access policy decides
    @ApiSecurity.OptionalCredentials
    @Operation(
            operationId = "diffArtifactVersions",
            summary = "Diff two versions",
            description = "A unified diff for text, a summary for binary content.")
    public DiffView diff(
            HttpRequest<?> request,
            @PathVariable String id,
            @Parameter(
                            description = "The older version.",
                            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
                    @QueryValue
                    long from,
            @Parameter(
                            description = "The newer version.",
                            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
                    @QueryValue
                    long to) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_DIFF);
        return service.diff(head, from, to, guard.featuresOf(request, head.tenantId()));
    }

    @Delete("/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS) // public artifacts: the access policy decides
    @Status(HttpStatus.NO_CONTENT)
    @ApiSecurity.OptionalCredentials
    @Operation(
            operationId = "deleteArtifact",
            summary = "Delete an artifact",
            description = "Soft delete: gone from lists and reads, kept in history. With If-Match: \"n\" only"
                    + " while n is the head (else 412).")
    @ApiAnswers.NoContent
    @ApiProblems.PreconditionFailed
    public HttpResponse<Void> delete(
            HttpRequest<?> request,
            @PathVariable String id,
            @ApiAnswers.IfMatch @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_DELETE);
        commands.send(
                new DeleteArtifact(id, head.tenantId(), ArtifactService.expectedVersion(ifMatch), clock.instant()),
                guard.callerOf(request),
                RequestInfos.of(request));
        barrier.awaitViews();
        return HttpResponse.noContent();
    }

    @Get("/{id}/access")
    @Operation(
            operationId = "getArtifactAccess",
            summary = "Read access settings",
            description = "Whether anyone may view or edit, and the emails allowed to view.")
    public AccessView access(HttpRequest<?> request, @PathVariable String id) {
        return ArtifactViews.accessOf(guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_READ_ACCESS));
    }

    @Put("/{id}/access")
    @Operation(
            operationId = "updateArtifactAccess",
            summary = "Update access settings",
            description = "Private, allowlists and public edit need Pro or Team. With If-Match: \"n\" only while n"
                    + " is the head (else 412).")
    @ApiProblems.PreconditionFailed
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public AccessView updateAccess(
            HttpRequest<?> request,
            @PathVariable String id,
            @ApiAnswers.IfMatch @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
            @Body @Valid AccessRequest body) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_MANAGE_ACCESS);
        return service.updateAccess(
                head,
                body.publicView(),
                body.publicEdit(),
                body.viewerEmails() == null ? List.of() : body.viewerEmails(),
                ArtifactService.expectedVersion(ifMatch),
                guard.featuresOf(request, head.tenantId()),
                guard.callerOf(request),
                RequestInfos.of(request));
    }

    private static String encodeCursor(String artifactId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("h1:" + artifactId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("h1:") && dev.artifacta.server.http.Ids.isUuid(text.substring(3))) {
                return text.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the refusal below.
        }
        throw Problems.badRequest("invalid-cursor", "The cursor is not one this API returned.");
    }
}
