package dev.artifacta.command.members;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a pending invitation. */
public record RevokeInvitation(@TargetAggregateIdentifier String tenantId, String invitationId, Instant now) {}
