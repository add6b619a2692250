package dev.artifacta.server.sharing;

import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.command.sharing.CreateShareLink;
import dev.artifacta.command.sharing.RevokeShareLink;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.sharelinks.ShareLinkListRepository;
import dev.artifacta.query.sharelinks.ShareLinkListRow;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactGuard;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.auth.ShareLinkAuthenticationFetcher;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The share-link use cases that change something, creating and revoking, for the REST routes and
 * the MCP tools alike: the caller must hold {@code artifacts:share} and the admin role on the
 * artifact, and the token is generated here and shown once.
 */
@Singleton
public class ShareLinkService {

    /** A link just created, with its token (to be shown once). */
    public record Created(String linkId, String artifactId, String role, IssuedSecret token, Instant expiresAt) {}

    private final ArtifactGuard guard;
    private final ShareLinkListRepository links;
    private final Commands commands;
    private final ReadModelBarrier barrier;
    private final Clock clock;

    public ShareLinkService(
            ArtifactGuard guard,
            ShareLinkListRepository links,
            Commands commands,
            ReadModelBarrier barrier,
            Clock clock) {
        this.guard = guard;
        this.links = links;
        this.commands = commands;
        this.barrier = barrier;
        this.clock = clock;
    }

    /** Creates a link to the artifact with the role, for the request's caller. */
    public Created create(HttpRequest<?> request, String artifactId, String role, Instant expiresAt) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), artifactId, Action.ARTIFACT_CREATE_SHARE_LINK);
        String linkId = UUID.randomUUID().toString();
        IssuedSecret token = ShareLinkAuthenticationFetcher.TOKENS.generate();
        commands.send(
                new CreateShareLink(
                        linkId,
                        head.tenantId(),
                        artifactId,
                        role,
                        token.digest(),
                        expiresAt,
                        guard.featuresOf(request, head.tenantId()),
                        clock.instant()),
                guard.callerOf(request),
                RequestInfos.of(request));
        barrier.awaitViews();
        return new Created(linkId, artifactId, role, token, expiresAt);
    }

    /** Revokes a link of the caller's tenant: it opens nothing from the next request on. */
    public void revoke(HttpRequest<?> request, String linkId) {
        Principal caller = guard.callerOf(request);
        ShareLinkListRow link = linkOf(caller, linkId);
        guard.authorize(caller, link.artifactId(), Action.ARTIFACT_REVOKE_SHARE_LINK);
        commands.send(new RevokeShareLink(linkId, link.tenantId(), clock.instant()), caller, RequestInfos.of(request));
        barrier.awaitViews();
    }

    /** The link, if it is one of the caller's tenant and the caller is a person or an agent; else 404. */
    ShareLinkListRow linkOf(Principal caller, String linkId) {
        ShareLinkListRow link = Ids.isUuid(linkId) ? links.findById(linkId).orElse(null) : null;
        if (link == null
                || caller.identity().isEmpty()
                || !caller.inTenant().orElseThrow().equals(link.tenantId())) {
            throw noSuchLink(linkId);
        }
        return link;
    }

    static ProblemException noSuchLink(String linkId) {
        return Problems.notFound("share-link-not-found", "There is no share link with id '" + linkId + "'.");
    }
}
