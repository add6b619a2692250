package dev.artifacta.query.apikeylist;

import dev.artifacta.events.Actor;
import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiKeyRenamed;
import dev.artifacta.events.ApiKeyRevoked;
import dev.artifacta.events.AuditMetadata;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;

/** Builds the key-list view: every key of every tenant with its display fields and status. */
@Singleton
@ProcessingGroup(ApiKeyListProjection.NAME)
public class ApiKeyListProjection {

    public static final String NAME = "api-key-list";

    private final ApiKeyListRepository keys;

    public ApiKeyListProjection(ApiKeyListRepository keys) {
        this.keys = keys;
    }

    @EventHandler
    void on(ApiKeyCreated event, MetaData metaData) {
        if (keys.existsById(event.keyId())) {
            return;
        }
        Actor creator = AuditMetadata.actor(metaData);
        keys.save(new ApiKeyListRow(
                event.keyId(),
                event.tenantId(),
                event.name(),
                event.description(),
                event.prefix(),
                event.last4(),
                String.join(",", event.scopes()),
                event.identity().type(),
                event.identity().name(),
                event.createdAt(),
                creator.type(),
                creator.id(),
                creator.displayName(),
                event.expiresAt(),
                null));
    }

    @EventHandler
    void on(ApiKeyRenamed event) {
        keys.rename(event.keyId(), event.name());
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        keys.markRevoked(event.keyId(), event.revokedAt());
    }

    @ResetHandler
    void reset() {
        keys.deleteAll();
    }
}
