package dev.artifacta.command.sharing;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a share link of the calling tenant. */
public record RevokeShareLink(@TargetAggregateIdentifier String linkId, String tenantId, Instant now) {}
