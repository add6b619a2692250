package dev.artifacta.command.tenants;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Allow, or stop allowing, OAuth clients that registered themselves (RFC 7591) in the tenant. */
public record ChangeClientRegistration(
        @TargetAggregateIdentifier String tenantId, boolean enabled, Instant now) {}
