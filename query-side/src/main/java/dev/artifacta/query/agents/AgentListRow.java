package dev.artifacta.query.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One agent in the agent-list view. */
@MappedEntity("agent_list")
public record AgentListRow(
        @Id String agentId,
        String tenantId,
        String name,
        @Nullable String description,
        String role,
        boolean disabled,
        String sponsorId,
        @Nullable String sponsorName,
        Instant createdAt,
        Instant updatedAt) {

    /** {@code active} or {@code disabled}. */
    public String status() {
        return disabled ? "disabled" : "active";
    }
}
