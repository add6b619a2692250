package dev.artifacta.command.sharing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.artifacta.command.plans.PlanUpgradeRequired;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.ShareLinkCreated;
import dev.artifacta.events.ShareLinkRevoked;
import java.time.Instant;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/** A link that opens one artifact with the viewer or editor role, until it expires or is revoked. */
@AggregateRoot
public class ShareLink {

    public static final String TOKEN_MARKER = "sl_live_";
    public static final Set<String> ROLES = Set.of("viewer", "editor");
    private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    @AggregateIdentifier
    private String linkId;

    private String tenantId;
    private String artifactId;
    private boolean revoked;

    protected ShareLink() {
        // For Axon: state is rebuilt from events.
    }

    @CommandHandler
    public ShareLink(CreateShareLink command, ShareableArtifacts artifacts) {
        if (!command.plan().shareLinks()) {
            throw new PlanUpgradeRequired("share links", command.plan());
        }
        if (!ROLES.contains(command.role())) {
            throw new InvalidRequest("invalid-role", "A share link's role is 'viewer' or 'editor'.");
        }
        Instant expiresAt = command.expiresAt();
        if (expiresAt != null && (!expiresAt.isAfter(command.now()) || expiresAt.isAfter(LATEST_EXPIRY))) {
            throw new InvalidRequest("invalid-expiry", "expiresAt must be in the future and before the year 10000.");
        }
        artifacts.requireShareable(command.artifactId(), command.tenantId());
        apply(new ShareLinkCreated(
                command.tenantId(),
                command.linkId(),
                command.artifactId(),
                command.role(),
                command.token().sha256(),
                command.token().prefix(),
                expiresAt,
                command.now()));
    }

    @CommandHandler
    public void handle(RevokeShareLink command) {
        if (!tenantId.equals(command.tenantId())) {
            throw new ShareLinkNotFound(command.linkId());
        }
        if (revoked) {
            throw new ShareLinkAlreadyRevoked(linkId);
        }
        apply(new ShareLinkRevoked(tenantId, linkId, artifactId, command.now()));
    }

    @EventSourcingHandler
    void on(ShareLinkCreated event) {
        linkId = event.linkId();
        tenantId = event.tenantId();
        artifactId = event.artifactId();
    }

    @EventSourcingHandler
    void on(ShareLinkRevoked event) {
        revoked = true;
    }
}
