package dev.artifacta.command.oauthclients;

import dev.artifacta.command.apikeys.SecretDigest;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a confidential client's secret with a new one (its digest); the old one stops working. */
public record RotateOAuthClientSecret(
        @TargetAggregateIdentifier String clientId, String tenantId, SecretDigest secret, Instant now) {}
