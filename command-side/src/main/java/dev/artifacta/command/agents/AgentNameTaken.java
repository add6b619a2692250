package dev.artifacta.command.agents;

import dev.artifacta.command.shared.Rejection;

/** The tenant already has an agent with the name. */
public final class AgentNameTaken extends Rejection {

    public AgentNameTaken(String name) {
        super(Kind.CONFLICT, "agent-name-taken", "An agent named '" + name + "' already exists.");
    }
}
