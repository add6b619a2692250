package dev.artifacta.server.auth;

import dev.artifacta.command.agents.CreateAgent;
import dev.artifacta.command.agents.infrastructure.AgentRegistryRepository;
import dev.artifacta.command.apikeys.infrastructure.CredentialRegistryRepository;
import dev.artifacta.command.apikeys.infrastructure.CredentialRow;
import dev.artifacta.command.shared.Rejection;
import dev.artifacta.command.tenants.infrastructure.TenantRegistryRepository;
import dev.artifacta.command.tenants.infrastructure.TenantRow;
import dev.artifacta.events.Actor;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.server.processing.axon.Commands;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every key that acted as an agent named only by name (stored before agents were identities
 * of their own) the agent that {@code ApiKeyCreated1To2Upcaster} names for it: at start-up, once, it
 * creates each missing agent (id {@link KeyIdentity#legacyAgentId}, the tenant's owner as sponsor,
 * the role such keys always had, {@code artifacta.agents.default-role}) with an ordinary
 * {@code AgentCreated} event attributed to this step, and records the agent id on the key's
 * lookup row. Several nodes starting at once create each agent once: the second creation of the
 * same id is refused by the event store and skipped.
 */
@Singleton
public class LegacyAgents {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyAgents.class);
    private static final Actor STEP = Actor.service("legacy-agents", "Start-up: agents for keys made before agents");

    private final CredentialRegistryRepository credentials;
    private final AgentRegistryRepository agents;
    private final TenantRegistryRepository tenants;
    private final Commands commands;
    private final Clock clock;
    private final String role;

    public LegacyAgents(
            CredentialRegistryRepository credentials,
            AgentRegistryRepository agents,
            TenantRegistryRepository tenants,
            Commands commands,
            Clock clock,
            @Value("${artifacta.agents.default-role:editor}") String role) {
        this.credentials = credentials;
        this.agents = agents;
        this.tenants = tenants;
        this.commands = commands;
        this.clock = clock;
        this.role = role;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        int created = 0;
        for (CredentialRow key : credentials.findAgentKeysWithoutAgentId()) {
            String agentId = KeyIdentity.legacyAgentId(key.tenantId(), key.identityName());
            if (!agents.existsById(agentId) && create(key, agentId)) {
                created++;
            }
            credentials.assignAgent(key.keyId(), agentId);
        }
        if (created > 0) {
            LOG.info("Created {} agents for keys that named their agent only by name", created);
        }
    }

    private boolean create(CredentialRow key, String agentId) {
        String sponsor =
                tenants.findById(key.tenantId()).map(TenantRow::ownerEmail).orElse("unknown");
        try {
            commands.send(
                    new CreateAgent(
                            agentId, key.tenantId(), key.identityName(), null, role, sponsor, sponsor, clock.instant()),
                    STEP,
                    new RequestInfo("startup", null, null));
            return true;
        } catch (AggregateStreamCreationException | Rejection alreadyThere) {
            // Another node created it first, or the name belongs to an agent made since.
            return false;
        }
    }
}
