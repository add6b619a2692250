package dev.artifacta.command.agents;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give an agent a new name. */
public record RenameAgent(@TargetAggregateIdentifier String agentId, String tenantId, String name, Instant now) {}
