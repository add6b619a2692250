package dev.artifacta.command.agents.infrastructure;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.command.agents.AgentDirectory;
import dev.artifacta.events.AgentCreated;
import dev.artifacta.events.AgentDisabled;
import dev.artifacta.events.AgentEnabled;
import dev.artifacta.events.AgentRenamed;
import dev.artifacta.events.AgentRoleChanged;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/** Keeps the agent lookup table in step with agent events, in the append's transaction. */
@Singleton
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class AgentRegistryProjection implements AgentDirectory {

    private final AgentRegistryRepository agents;

    public AgentRegistryProjection(AgentRegistryRepository agents) {
        this.agents = agents;
    }

    @EventHandler
    void on(AgentCreated event) {
        if (!agents.existsById(event.agentId())) {
            agents.save(new AgentRow(
                    event.agentId(),
                    event.tenantId(),
                    event.name(),
                    event.role(),
                    false,
                    event.sponsorId(),
                    event.sponsorName(),
                    event.createdAt()));
        }
    }

    @EventHandler
    void on(AgentRenamed event) {
        agents.updateName(event.agentId(), event.name());
    }

    @EventHandler
    void on(AgentRoleChanged event) {
        agents.updateRole(event.agentId(), event.role());
    }

    @EventHandler
    void on(AgentDisabled event) {
        agents.updateDisabled(event.agentId(), true);
    }

    @EventHandler
    void on(AgentEnabled event) {
        agents.updateDisabled(event.agentId(), false);
    }

    @ResetHandler
    void reset() {
        agents.deleteAll();
    }

    @Override
    public boolean isNameTaken(String tenantId, String name) {
        return agents.existsByTenantIdAndName(tenantId, name);
    }
}
