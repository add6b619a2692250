package dev.artifacta.command.oauthclients.infrastructure;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.command.oauthclients.OAuthClientDirectory;
import dev.artifacta.events.OAuthClientDisabled;
import dev.artifacta.events.OAuthClientRegistered;
import dev.artifacta.events.OAuthClientSecretRotated;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/** Keeps the OAuth client lookup table in step with client events, in the append's transaction. */
@Singleton
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class OAuthClientRegistryProjection implements OAuthClientDirectory {

    private final OAuthClientRegistryRepository clients;

    public OAuthClientRegistryProjection(OAuthClientRegistryRepository clients) {
        this.clients = clients;
    }

    @EventHandler
    void on(OAuthClientRegistered event) {
        if (clients.existsById(event.clientId())) {
            return;
        }
        clients.save(new OAuthClientRow(
                event.clientId(),
                event.tenantId(),
                event.name(),
                String.join(",", event.scopes()),
                String.join(",", event.grantTypes()),
                String.join("\n", event.redirectUris()),
                event.secretPrefix(),
                event.secretLast4(),
                event.secretSha256(),
                event.identity().type(),
                event.identity().name(),
                event.identity().agentId(),
                false,
                event.registeredAt(),
                event.registeredAt()));
    }

    @EventHandler
    void on(OAuthClientSecretRotated event) {
        clients.updateSecret(
                event.clientId(), event.secretPrefix(), event.secretLast4(), event.secretSha256(), event.rotatedAt());
    }

    @EventHandler
    void on(OAuthClientDisabled event) {
        clients.markDisabled(event.clientId(), event.disabledAt());
    }

    @ResetHandler
    void reset() {
        clients.deleteAll();
    }

    @Override
    public List<Client> list(String tenantId) {
        return clients.findByTenantIdOrderByRegisteredAt(tenantId).stream()
                .map(OAuthClientRegistryProjection::client)
                .toList();
    }

    @Override
    public Optional<Client> find(String tenantId, String clientId) {
        return clients.findByTenantIdAndClientId(tenantId, clientId).map(OAuthClientRegistryProjection::client);
    }

    private static Client client(OAuthClientRow row) {
        return new Client(
                row.clientId(),
                row.tenantId(),
                row.name(),
                split(row.scopes(), ","),
                split(row.grantTypes(), ","),
                split(row.redirectUris(), "\n"),
                row.secretPrefix(),
                row.secretLast4(),
                row.identityType(),
                row.identityName(),
                row.identityAgentId(),
                row.disabled(),
                row.registeredAt(),
                row.updatedAt());
    }

    /** The parts of a joined list, none for an empty one. */
    public static List<String> split(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator));
    }
}
