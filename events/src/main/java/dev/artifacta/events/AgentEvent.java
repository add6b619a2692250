package dev.artifacta.events;

/** Events of the agent aggregate (stream id: the agent id). */
public sealed interface AgentEvent extends ArtifactaEvent
        permits AgentCreated, AgentRenamed, AgentRoleChanged, AgentDisabled, AgentEnabled {

    /** The agent the event concerns. */
    String agentId();
}
