package dev.artifacta.query.apikeylist;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One key in the key-list view. Never holds the secret or its hash. */
@MappedEntity("api_key_list")
public record ApiKeyListRow(
        @Id String keyId,
        String tenantId,
        String name,
        @Nullable String description,
        String prefix,
        String last4,
        String scopes,
        String identityType,
        String identityName,
        @Nullable String identityAgentId,
        Instant createdAt,
        String createdByType,
        String createdById,
        String createdByName,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt) {

    /** The key's status at a moment: {@code active}, {@code expired} or {@code revoked}. */
    public String statusAt(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? "expired" : "active";
    }
}
