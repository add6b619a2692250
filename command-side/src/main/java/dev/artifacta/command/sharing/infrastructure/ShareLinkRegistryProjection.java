package dev.artifacta.command.sharing.infrastructure;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.events.ShareLinkCreated;
import dev.artifacta.events.ShareLinkRevoked;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Keeps the share-link lookup table in step, in the append's transaction: a revoked link opens
 * nothing from the next request on, on every node.
 */
@Singleton
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class ShareLinkRegistryProjection {

    private final ShareLinkRegistryRepository links;

    public ShareLinkRegistryProjection(ShareLinkRegistryRepository links) {
        this.links = links;
    }

    @EventHandler
    void on(ShareLinkCreated event) {
        if (!links.existsById(event.linkId())) {
            links.save(new ShareLinkRow(
                    event.linkId(),
                    event.tenantId(),
                    event.artifactId(),
                    event.role(),
                    event.tokenSha256(),
                    event.prefix(),
                    event.expiresAt(),
                    event.createdAt(),
                    null));
        }
    }

    @EventHandler
    void on(ShareLinkRevoked event) {
        links.markRevoked(event.linkId(), event.revokedAt());
    }

    @ResetHandler
    void reset() {
        links.deleteAll();
    }

    /** The usable link behind a token's hash, if any; expired, revoked and unknown alike are empty. */
    public Optional<ShareLinkRow> findUsable(String tokenSha256, Instant now) {
        return links.findByTokenSha256(tokenSha256).filter(link -> link.isUsableAt(now));
    }
}
