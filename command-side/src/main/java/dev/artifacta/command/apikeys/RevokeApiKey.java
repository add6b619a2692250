package dev.artifacta.command.apikeys;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a key of the calling tenant. */
public record RevokeApiKey(@TargetAggregateIdentifier String keyId, String tenantId, Instant now) {}
