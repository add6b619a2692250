package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An agent was disabled: all of its keys are refused from the next request on, on every node.
 *
 * @param tenantId the owning tenant
 * @param agentId the agent
 * @param name its name at the time
 * @param disabledAt when it was disabled
 */
@Revision("1")
public record AgentDisabled(String tenantId, String agentId, String name, Instant disabledAt) implements AgentEvent {}
