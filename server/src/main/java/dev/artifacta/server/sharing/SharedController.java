package dev.artifacta.server.sharing;

import dev.artifacta.command.artifacts.infrastructure.JdbcContentStore;
import dev.artifacta.command.sharing.infrastructure.ShareLinkRegistryProjection;
import dev.artifacta.command.sharing.infrastructure.ShareLinkRow;
import dev.artifacta.events.Actor;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Caller;
import dev.artifacta.server.access.Role;
import dev.artifacta.server.artifacts.ArtifactGuard;
import dev.artifacta.server.artifacts.ArtifactViews.ArtifactView;
import dev.artifacta.server.artifacts.ArtifactViews.VersionView;
import dev.artifacta.server.artifacts.ArtifactsController;
import dev.artifacta.server.artifacts.ArtifactsController.VersionRequest;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;

/**
 * What a share link opens, resolved as the link itself (a service principal with the link's role
 * on one artifact). Unknown, expired and revoked links, and links to deleted artifacts, all answer
 * the same 404.
 */
@Controller("/v1/shared/{token}")
@Tag(name = "Share links")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SharedController {

    private final ShareLinkRegistryProjection links;
    private final ArtifactGuard guard;
    private final ArtifactsController artifacts;
    private final JdbcContentStore contents;
    private final Clock clock;

    public SharedController(
            ShareLinkRegistryProjection links,
            ArtifactGuard guard,
            ArtifactsController artifacts,
            JdbcContentStore contents,
            Clock clock) {
        this.links = links;
        this.guard = guard;
        this.artifacts = artifacts;
        this.contents = contents;
        this.clock = clock;
    }

    @Get
    @SecurityRequirements
    @Operation(summary = "Open a share link", description = "The artifact's metadata and head.")
    public ArtifactView open(@PathVariable String token) {
        Opened opened = open(token, Action.ARTIFACT_VIEW);
        return artifacts.read(opened.head());
    }

    @Get("/content")
    @Produces(MediaType.ALL)
    @SecurityRequirements
    @Operation(summary = "Read content through a share link", description = "The head, or ?version=n.")
    public HttpResponse<byte[]> content(
            HttpRequest<?> request, @PathVariable String token, @Nullable @QueryValue Long version) {
        Opened opened = open(token, Action.ARTIFACT_VIEW);
        ArtifactHeadRow head = opened.head();
        return ArtifactsController.contentResponse(
                head,
                artifacts.readableVersion(
                        head,
                        version == null ? head.headVersion() : version,
                        guard.featuresOf(request, head.tenantId())),
                contents);
    }

    @Post("/versions")
    @SecurityRequirements
    @Operation(summary = "Append a version through an editor link")
    public HttpResponse<VersionView> append(
            HttpRequest<?> request, @PathVariable String token, @Body @Valid VersionRequest body) {
        Opened opened = open(token, Action.ARTIFACT_UPDATE);
        ShareLinkRow link = opened.link();
        Actor actor =
                new Actor(Actor.SHARE_LINK, link.linkId(), "Share link: " + link.prefix() + "…", null, null, null);
        return artifacts.appendVersion(
                opened.head(),
                body,
                ArtifactsController.expectedVersion(request),
                guard.featuresOf(request, opened.head().tenantId()),
                actor,
                RequestInfos.of(request));
    }

    private record Opened(ShareLinkRow link, ArtifactHeadRow head) {}

    private Opened open(String token, Action action) {
        ShareLinkRow link = ShareLinksController.TOKENS
                .hashIfWellFormed(token)
                .flatMap(hash -> links.findUsable(hash, clock.instant()))
                .orElseThrow(SharedController::noSuchLink);
        Role role = Role.parse(link.role()).orElseThrow(SharedController::noSuchLink);
        var caller = new Caller.ShareLink(link.tenantId(), link.artifactId(), role);
        try {
            return new Opened(link, guard.authorize(caller, link.artifactId(), action));
        } catch (ProblemException refused) {
            if (refused.problem().getStatus() == 404) {
                throw noSuchLink();
            }
            throw refused;
        }
    }

    private static ProblemException noSuchLink() {
        return Problems.notFound("share-link-not-found", "There is no such share link.");
    }
}
