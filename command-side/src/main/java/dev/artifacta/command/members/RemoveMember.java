package dev.artifacta.command.members;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a member from the workspace. */
public record RemoveMember(@TargetAggregateIdentifier String tenantId, String userId, Instant now) {}
