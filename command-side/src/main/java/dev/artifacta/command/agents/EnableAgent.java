package dev.artifacta.command.agents;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enable a disabled agent again. */
public record EnableAgent(@TargetAggregateIdentifier String agentId, String tenantId, Instant now) {}
