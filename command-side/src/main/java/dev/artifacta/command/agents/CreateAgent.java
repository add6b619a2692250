package dev.artifacta.command.agents;

import java.time.Instant;

/** Create an agent in a tenant, sponsored by the user who asks. Role null means editor. */
public record CreateAgent(
        String agentId,
        String tenantId,
        String name,
        String description,
        String role,
        String sponsorId,
        String sponsorName,
        Instant now) {}
