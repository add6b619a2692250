package dev.artifacta.command.oauthclients;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Disable an OAuth client: no new tokens, and its tokens are refused from the next request on. */
public record DisableOAuthClient(@TargetAggregateIdentifier String clientId, String tenantId, Instant now) {}
