package dev.artifacta.command.members;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a member another workspace role. */
public record ChangeMemberRole(@TargetAggregateIdentifier String tenantId, String userId, String role, Instant now) {}
