package dev.artifacta.command.agents;

import dev.artifacta.command.shared.Rejection;

/** No agent with this id in the caller's tenant (another tenant's agent looks the same). */
public final class AgentNotFound extends Rejection {

    public AgentNotFound(String agentId) {
        super(Kind.NOT_FOUND, "agent-not-found", "There is no agent with id '" + agentId + "'.");
    }
}
