package dev.artifacta.server.sharing;

import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.command.sharing.CreateShareLink;
import dev.artifacta.command.sharing.RevokeShareLink;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.sharelinks.ShareLinkListRepository;
import dev.artifacta.query.sharelinks.ShareLinkListRow;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.ShareLinkAuthenticationFetcher;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Share link use cases that the API and the console both offer: creating a link (its token
 * revealed once, to the caller) and listing an artifact's links (never their tokens). Callers
 * authorize the artifact first, through {@code ArtifactGuard}, with {@code
 * artifact.create_share_link}.
 */
@Singleton
public class ShareLinkService {

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

    private final ShareLinkListRepository links;
    private final Commands commands;
    private final ReadModelBarrier barrier;
    private final Clock clock;

    public ShareLinkService(ShareLinkListRepository links, Commands commands, ReadModelBarrier barrier, Clock clock) {
        this.links = links;
        this.commands = commands;
        this.barrier = barrier;
        this.clock = clock;
    }

    public IssuedLink create(
            ArtifactHeadRow head,
            String role,
            @Nullable Instant expiresAt,
            PlanFeatures plan,
            Principal caller,
            RequestInfo requestInfo) {
        String linkId = UUID.randomUUID().toString();
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
        return new IssuedLink(linkId, role, token.revealOnce(), token.digest().prefix(), expiresAt);
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
}
