package dev.artifacta.command.agents;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give an agent another role (never owner). */
public record ChangeAgentRole(@TargetAggregateIdentifier String agentId, String tenantId, String role, Instant now) {}
