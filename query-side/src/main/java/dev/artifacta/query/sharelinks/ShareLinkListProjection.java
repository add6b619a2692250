package dev.artifacta.query.sharelinks;

import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.ShareLinkCreated;
import dev.artifacta.events.ShareLinkRevoked;
import dev.artifacta.query.infrastructure.StreamingView;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;

/** Builds the share link list: every link of every artifact, active or revoked. */
@Singleton
@ProcessingGroup(ShareLinkListProjection.NAME)
@StreamingView(order = 60, tables = "share_link_list")
public class ShareLinkListProjection {

    public static final String NAME = "share-link-list";

    private final ShareLinkListRepository links;

    public ShareLinkListProjection(ShareLinkListRepository links) {
        this.links = links;
    }

    @EventHandler
    void on(ShareLinkCreated event, MetaData metaData) {
        if (!links.existsById(event.linkId())) {
            links.save(new ShareLinkListRow(
                    event.linkId(),
                    event.tenantId(),
                    event.artifactId(),
                    event.role(),
                    event.prefix(),
                    AuditMetadata.actor(metaData).displayName(),
                    event.createdAt(),
                    event.expiresAt(),
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
}
