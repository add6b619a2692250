package dev.artifacta.command.apikeys.infrastructure;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiKeyRenamed;
import dev.artifacta.events.ApiKeyRevoked;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Keeps the credential lookup table in step with key events, in the same transaction as the append:
 * the request after a revocation already finds the key revoked, on every node.
 */
@Singleton
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class CredentialRegistryProjection {

    private final CredentialRegistryRepository credentials;

    public CredentialRegistryProjection(CredentialRegistryRepository credentials) {
        this.credentials = credentials;
    }

    @EventHandler
    void on(ApiKeyCreated event) {
        // Both idempotent: a name held by a key expired at the event's time is released again, a key
        // already there stays as it is.
        credentials.releaseExpiredName(event.tenantId(), event.name(), event.createdAt());
        credentials.insertIfAbsent(new CredentialRow(
                event.keyId(),
                event.tenantId(),
                event.name(),
                event.name(),
                event.secretSha256(),
                event.prefix(),
                event.last4(),
                String.join(",", event.scopes()),
                event.identity().type(),
                event.identity().name(),
                event.identity().agentId(),
                event.expiresAt(),
                event.createdAt(),
                null));
    }

    @EventHandler
    void on(ApiKeyRenamed event) {
        credentials.rename(event.keyId(), event.name());
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        credentials.markRevoked(event.keyId(), event.revokedAt());
    }

    @ResetHandler
    void reset() {
        credentials.deleteAll();
    }
}
