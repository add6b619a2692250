package dev.artifacta.command.apikeys.infrastructure;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One row of the credential lookup table: what authentication needs to know about a key, found by
 * the SHA-256 of the presented key. {@code activeName} is the name while the key is active and null
 * once it is revoked or superseded after expiry, so a unique index on (tenant, active name) keeps
 * active names unique.
 */
@MappedEntity("credential_registry")
public record CredentialRow(
        @Id String keyId,
        String tenantId,
        String name,
        @Nullable String activeName,
        String secretSha256,
        String prefix,
        String last4,
        String scopes,
        String identityType,
        String identityName,
        @Nullable String identityAgentId,
        @Nullable Instant expiresAt,
        Instant createdAt,
        @Nullable Instant revokedAt) {}
