package dev.artifacta.server.agents;

import dev.artifacta.query.agents.AgentListRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** How agents look in responses. */
public final class AgentViews {

    private AgentViews() {}

    /** The user who answers for an agent. */
    @Schema(name = "AgentSponsor")
    @Serdeable
    public record Sponsor(String type, String id, @Nullable String displayName) {}

    /** An agent. */
    @Schema(name = "Agent")
    @Serdeable
    public record AgentView(
            String id,
            String name,
            @Nullable String description,
            String role,
            String status,
            Sponsor sponsor,
            Instant createdAt,
            Instant updatedAt) {}

    /** A list of agents. */
    @Schema(name = "AgentList")
    @Serdeable
    public record AgentList(List<AgentView> items) {}

    public static AgentView of(AgentListRow row) {
        return new AgentView(
                row.agentId(),
                row.name(),
                row.description(),
                row.role(),
                row.status(),
                new Sponsor("user", row.sponsorId(), row.sponsorName()),
                row.createdAt(),
                row.updatedAt());
    }
}
