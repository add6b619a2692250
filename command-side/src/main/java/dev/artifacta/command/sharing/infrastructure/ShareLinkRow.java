package dev.artifacta.command.sharing.infrastructure;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One row of the share-link lookup table: what resolving a token needs, found by its SHA-256. */
@MappedEntity("share_link_registry")
public record ShareLinkRow(
        @Id String linkId,
        String tenantId,
        String artifactId,
        String role,
        String tokenSha256,
        String prefix,
        @Nullable Instant expiresAt,
        Instant createdAt,
        @Nullable Instant revokedAt) {

    /** Opens its artifact at {@code now}: not revoked, not expired. */
    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
