package dev.artifacta.query.agents;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Reads the agent-list view, always within one tenant. */
@Singleton
public class AgentListQueries {

    private final AgentListRepository agents;

    public AgentListQueries(AgentListRepository agents) {
        this.agents = agents;
    }

    /** The tenant's agents, newest first. */
    public List<AgentListRow> list(String tenantId) {
        return agents.findByTenantNewestFirst(tenantId);
    }

    /** One agent of the tenant; empty for unknown agents and other tenants' agents alike. */
    public Optional<AgentListRow> find(String tenantId, String agentId) {
        return agents.findByAgentIdAndTenantId(agentId, tenantId);
    }

    /** The tenant's agent with the name, if any. */
    public Optional<AgentListRow> findByName(String tenantId, String name) {
        return agents.findByTenantIdAndName(tenantId, name);
    }
}
