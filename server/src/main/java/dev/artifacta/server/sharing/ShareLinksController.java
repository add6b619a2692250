package dev.artifacta.server.sharing;

import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.sharelinks.ShareLinkListRepository;
import dev.artifacta.query.sharelinks.ShareLinkListRow;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactGuard;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Share links of an artifact: create (token shown once), list, revoke. Needs {@code artifacts:share}. */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Share links")
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.NotFound
@ApiProblems.TooManyRequests
@ExecuteOn(TaskExecutors.BLOCKING)
public class ShareLinksController {

    /** A new link. */
    @Schema(name = "CreateShareLinkRequest")
    @Serdeable
    public record CreateShareLinkRequest(
            @NotBlank @Size(max = 16) String role, @Nullable Instant expiresAt) {}

    /** A link as listed (never the token). */
    @Schema(name = "ShareLink")
    @Serdeable
    public record ShareLinkView(
            String id,
            String artifactId,
            String role,
            String prefix,
            String status,
            String createdBy,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt) {}

    /** A link right after creation: the only response with its token. */
    @Schema(name = "CreatedShareLink")
    @Serdeable
    public record CreatedShareLink(
            String id,
            String artifactId,
            String role,
            String token,
            String prefix,
            String url,
            @Nullable Instant expiresAt) {

        @Override
        public String toString() {
            return "CreatedShareLink[id=" + id + ", prefix=" + prefix + "]";
        }
    }

    /** An artifact's links. */
    @Schema(name = "ShareLinkList")
    @Serdeable
    public record ShareLinkList(List<ShareLinkView> items) {}

    private final ArtifactGuard guard;
    private final ShareLinkListRepository links;
    private final ShareLinkService shareLinks;
    private final Clock clock;

    public ShareLinksController(
            ArtifactGuard guard, ShareLinkListRepository links, ShareLinkService shareLinks, Clock clock) {
        this.guard = guard;
        this.links = links;
        this.shareLinks = shareLinks;
        this.clock = clock;
    }

    @Post("/artifacts/{id}/share-links")
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "createShareLink",
            summary = "Create a share link",
            description = "Returns the token once; needs Pro or Team.")
    @ApiAnswers.Created
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<CreatedShareLink> create(
            HttpRequest<?> request, @PathVariable String id, @Body @Valid CreateShareLinkRequest body) {
        ShareLinkService.Created link = shareLinks.create(request, id, body.role(), body.expiresAt());
        return HttpResponse.created(
                new CreatedShareLink(
                        link.linkId(),
                        id,
                        link.role(),
                        link.token().revealOnce(),
                        link.token().digest().prefix(),
                        "/v1/shared/" + link.token().revealOnce(),
                        link.expiresAt()),
                URI.create("/v1/share-links/" + link.linkId()));
    }

    @Get("/artifacts/{id}/share-links")
    @Operation(
            operationId = "listShareLinks",
            summary = "List an artifact's share links",
            description = "Active, expired and revoked, never their tokens.")
    public ShareLinkList list(HttpRequest<?> request, @PathVariable String id) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_CREATE_SHARE_LINK);
        Instant now = clock.instant();
        return new ShareLinkList(links.findByArtifact(head.tenantId(), id).stream()
                .map(row -> view(row, now))
                .toList());
    }

    @Get("/share-links/{linkId}")
    @Operation(
            operationId = "getShareLink",
            summary = "Read a share link",
            description = "As listed (never the token); needs what listing the artifact's links needs.")
    public ShareLinkView read(HttpRequest<?> request, @PathVariable String linkId) {
        Principal caller = guard.callerOf(request);
        ShareLinkListRow link = shareLinks.linkOf(caller, linkId);
        try {
            guard.authorize(caller, link.artifactId(), Action.ARTIFACT_CREATE_SHARE_LINK);
        } catch (ProblemException refused) {
            // A link of a deleted artifact is gone like an unknown one.
            throw refused.problem().getStatus() == 404 ? ShareLinkService.noSuchLink(linkId) : refused;
        }
        return view(link, clock.instant());
    }

    @Delete("/share-links/{linkId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "revokeShareLink",
            summary = "Revoke a share link",
            description = "The link opens nothing from the next request on.")
    @ApiAnswers.NoContent
    @ApiProblems.Conflict
    public HttpResponse<Void> revoke(HttpRequest<?> request, @PathVariable String linkId) {
        shareLinks.revoke(request, linkId);
        return HttpResponse.noContent();
    }

    private static ShareLinkView view(ShareLinkListRow row, Instant now) {
        String status = row.revokedAt() != null
                ? "revoked"
                : row.expiresAt() != null && !row.expiresAt().isAfter(now) ? "expired" : "active";
        return new ShareLinkView(
                row.linkId(),
                row.artifactId(),
                row.role(),
                row.prefix(),
                status,
                row.createdByName(),
                row.createdAt(),
                row.expiresAt(),
                row.revokedAt());
    }
}
