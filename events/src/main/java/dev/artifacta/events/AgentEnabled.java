package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A disabled agent was enabled again: its keys that are neither revoked nor expired work again.
 *
 * @param tenantId the owning tenant
 * @param agentId the agent
 * @param name its name at the time
 * @param enabledAt when it was enabled
 */
@Revision("1")
public record AgentEnabled(String tenantId, String agentId, String name, Instant enabledAt) implements AgentEvent {}
