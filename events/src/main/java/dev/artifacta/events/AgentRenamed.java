package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An agent was given a new name. Audit entries keep the name it had when each event happened.
 *
 * @param tenantId the owning tenant
 * @param agentId the agent
 * @param previousName the name before
 * @param name the name from now on
 * @param renamedAt when it was renamed
 */
@Revision("1")
public record AgentRenamed(String tenantId, String agentId, String previousName, String name, Instant renamedAt)
        implements AgentEvent {}
