package dev.artifacta.command.agents;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Disable an agent: its keys are refused from the next request on. */
public record DisableAgent(@TargetAggregateIdentifier String agentId, String tenantId, Instant now) {}
