package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An agent's role changed; its keys act with the new role from the next request on.
 *
 * @param tenantId the owning tenant
 * @param agentId the agent
 * @param previousRole the role before
 * @param role the role from now on ({@code admin}, {@code editor} or {@code viewer}; never owner)
 * @param changedAt when it changed
 */
@Revision("1")
public record AgentRoleChanged(String tenantId, String agentId, String previousRole, String role, Instant changedAt)
        implements AgentEvent {}
