package dev.artifacta.query.sharelinks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One share link as listed (never the token or its hash). */
@MappedEntity("share_link_list")
public record ShareLinkListRow(
        @Id String linkId,
        String tenantId,
        String artifactId,
        String role,
        String prefix,
        String createdByName,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt) {}
