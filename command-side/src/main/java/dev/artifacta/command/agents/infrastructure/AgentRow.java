package dev.artifacta.command.agents.infrastructure;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One row of the agent lookup table: what authentication needs to know about the agent a key acts
 * as (its current name, role and whether it is disabled), kept in the append's transaction so a
 * disable is seen by the next request on every node. Names are unique per tenant.
 */
@MappedEntity("agent_registry")
public record AgentRow(
        @Id String agentId,
        String tenantId,
        String name,
        String role,
        boolean disabled,
        String sponsorId,
        @Nullable String sponsorName,
        Instant createdAt) {}
