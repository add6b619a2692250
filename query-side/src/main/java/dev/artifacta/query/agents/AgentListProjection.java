package dev.artifacta.query.agents;

import dev.artifacta.events.AgentCreated;
import dev.artifacta.events.AgentDisabled;
import dev.artifacta.events.AgentEnabled;
import dev.artifacta.events.AgentRenamed;
import dev.artifacta.events.AgentRoleChanged;
import dev.artifacta.query.infrastructure.StreamingView;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Builds the agent-list view: every agent of every tenant with its role, status and sponsor. Each
 * handler sets values (never increments), so a replayed event changes nothing.
 */
@Singleton
@ProcessingGroup(AgentListProjection.NAME)
@StreamingView(order = 70, tables = "agent_list")
public class AgentListProjection {

    public static final String NAME = "agent-list";

    private final AgentListRepository agents;

    public AgentListProjection(AgentListRepository agents) {
        this.agents = agents;
    }

    @EventHandler
    void on(AgentCreated event) {
        if (!agents.existsById(event.agentId())) {
            agents.save(new AgentListRow(
                    event.agentId(),
                    event.tenantId(),
                    event.name(),
                    event.description(),
                    event.role(),
                    false,
                    event.sponsorId(),
                    event.sponsorName(),
                    event.createdAt(),
                    event.createdAt()));
        }
    }

    @EventHandler
    void on(AgentRenamed event) {
        agents.updateName(event.agentId(), event.name(), event.renamedAt());
    }

    @EventHandler
    void on(AgentRoleChanged event) {
        agents.updateRole(event.agentId(), event.role(), event.changedAt());
    }

    @EventHandler
    void on(AgentDisabled event) {
        agents.updateDisabled(event.agentId(), true, event.disabledAt());
    }

    @EventHandler
    void on(AgentEnabled event) {
        agents.updateDisabled(event.agentId(), false, event.enabledAt());
    }

    @ResetHandler
    void reset() {
        agents.deleteAll();
    }
}
