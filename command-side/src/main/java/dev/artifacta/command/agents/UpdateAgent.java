package dev.artifacta.command.agents;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rename an agent and/or change its role, all or nothing: a null field stays as it is, and a
 * refused part leaves the other undone.
 */
public record UpdateAgent(
        @TargetAggregateIdentifier String agentId, String tenantId, String name, String role, Instant now) {}
