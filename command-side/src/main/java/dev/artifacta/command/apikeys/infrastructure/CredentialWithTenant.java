package dev.artifacta.command.apikeys.infrastructure;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A credential row joined with its tenant: what one authentication round trip reads. */
@Introspected
public record CredentialWithTenant(
        String keyId,
        String keyName,
        String prefix,
        String last4,
        String scopes,
        String identityType,
        String identityName,
        @Nullable String identityAgentId,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
        String tenantId,
        String tenantName,
        String plan,
        @Nullable String memberRole,
        @Nullable String memberName,
        @Nullable String agentName,
        @Nullable String agentRole,
        @Nullable Boolean agentDisabled,
        @Nullable String agentSponsorId) {}
