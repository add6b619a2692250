package dev.artifacta.server.sharing;

import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.command.sharing.CreateShareLink;
import dev.artifacta.command.sharing.RevokeShareLink;
import dev.artifacta.events.RequestInfo;
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
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Share link use cases that the API, the MCP tools and the console all offer: creating a link (its
 * token revealed once, to the caller), revoking one, and listing an artifact's links (never their
 * tokens). The request-level methods authorize through {@code ArtifactGuard}; the others expect
 * their caller to have authorized the artifact already.
 */
@Singleton
public class ShareLinkService {

    /** A link just created, with its token (to be shown once). */
    public record Created(String linkId, String artifactId, String role, IssuedSecret token, Instant expiresAt) {}

    /** A new link and its token: the only time the token is known outside its hash. */
    public record IssuedLink(
            String linkId,
            String role,
            String token,
            String prefix,
            @Nullable Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedLink[linkId=" + linkId + ", prefix=" + prefix + "]";
        }
    }

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

    /** Creates a link to the artifact with the role, for the request's caller (who is authorized here). */
    public Created create(HttpRequest<?> request, String artifactId, String role, Instant expiresAt) {
        Principal caller = guard.callerOf(request);
        ArtifactHeadRow head = guard.authorize(caller, artifactId, Action.ARTIFACT_CREATE_SHARE_LINK);
        String linkId = UUID.randomUUID().toString();
        IssuedSecret token = issue(
                linkId,
                head,
                role,
                expiresAt,
                guard.featuresOf(request, head.tenantId()),
                caller,
                RequestInfos.of(request));
        return new Created(linkId, artifactId, role, token, expiresAt);
    }

    /** Creates a link to an artifact the caller has been authorized for. */
    public IssuedLink create(
            ArtifactHeadRow head,
            String role,
            @Nullable Instant expiresAt,
            PlanFeatures plan,
            Principal caller,
            RequestInfo requestInfo) {
        String linkId = UUID.randomUUID().toString();
        IssuedSecret token = issue(linkId, head, role, expiresAt, plan, caller, requestInfo);
        return new IssuedLink(linkId, role, token.revealOnce(), token.digest().prefix(), expiresAt);
    }

    private IssuedSecret issue(
            String linkId,
            ArtifactHeadRow head,
            String role,
            Instant expiresAt,
            PlanFeatures plan,
            Principal caller,
            RequestInfo requestInfo) {
        IssuedSecret token = ShareLinkAuthenticationFetcher.TOKENS.generate();
        commands.send(
                new CreateShareLink(
                        linkId,
                        head.tenantId(),
                        head.artifactId(),
                        role,
                        token.digest(),
                        expiresAt,
                        plan,
                        clock.instant()),
                caller,
                requestInfo);
        barrier.awaitViews();
        return token;
    }

    /** Revokes a link of the caller's tenant: it opens nothing from the next request on. */
    public void revoke(HttpRequest<?> request, String linkId) {
        Principal caller = guard.callerOf(request);
        ShareLinkListRow link = linkOf(caller, linkId);
        guard.authorize(caller, link.artifactId(), Action.ARTIFACT_REVOKE_SHARE_LINK);
        revoke(link, caller, RequestInfos.of(request));
    }

    /**
     * Revokes a link the caller may revoke (the caller has checked that the link is of its tenant
     * and authorized {@code artifact.revoke_share_link} on its artifact).
     */
    public void revoke(ShareLinkListRow link, Principal caller, RequestInfo requestInfo) {
        commands.send(new RevokeShareLink(link.linkId(), link.tenantId(), clock.instant()), caller, requestInfo);
        barrier.awaitViews();
    }

    /** The artifact's links, as the list view has them (never a token). */
    public List<ShareLinkListRow> linksOf(ArtifactHeadRow head) {
        return links.findByArtifact(head.tenantId(), head.artifactId());
    }

    /** A link's status at the moment: active, expired or revoked. */
    public String statusOf(ShareLinkListRow row) {
        Instant now = clock.instant();
        return row.revokedAt() != null
                ? "revoked"
                : row.expiresAt() != null && !row.expiresAt().isAfter(now) ? "expired" : "active";
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
