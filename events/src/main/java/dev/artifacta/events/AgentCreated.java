package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An agent, an automated identity of its own, was created in a tenant. Keys created for it act as
 * it, with its role.
 *
 * @param tenantId the owning tenant
 * @param agentId the agent's id
 * @param name its name, unique among the tenant's agents
 * @param description optional notes, may be null
 * @param role its role on the tenant's artifacts: {@code admin}, {@code editor} or {@code viewer}
 * @param sponsorId the user who created it and answers for it (today the user's email)
 * @param sponsorName the sponsor's display name at the time
 * @param createdAt when it was created
 */
@Revision("1")
public record AgentCreated(
        String tenantId,
        String agentId,
        String name,
        String description,
        String role,
        String sponsorId,
        String sponsorName,
        Instant createdAt)
        implements AgentEvent {}
