package dev.artifacta.query.auditlog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One entry of the audit view: one event, who did it, to what, from which request, and its place
 * in its tenant's hash chain. Keyed by the event's id; ordered within a tenant by {@code sequence}.
 */
@MappedEntity("audit_log")
public record AuditLogRow(
        @Id String eventId,
        String tenantId,
        long sequence,
        String previousHash,
        String hash,
        Instant occurredAt,
        String action,
        String actorType,
        String actorId,
        String actorDisplayName,
        @Nullable String actorKeyId,
        @Nullable String actorKeyName,
        @Nullable String actorIdentityType,
        @Nullable String actorIdentityName,
        String resourceType,
        String resourceId,
        @Nullable String requestId,
        @Nullable String clientAddress,
        @Nullable String userAgent,
        String details) {

    /** The same entry with its hash. */
    public AuditLogRow withHash(String hash) {
        return new AuditLogRow(
                eventId,
                tenantId,
                sequence,
                previousHash,
                hash,
                occurredAt,
                action,
                actorType,
                actorId,
                actorDisplayName,
                actorKeyId,
                actorKeyName,
                actorIdentityType,
                actorIdentityName,
                resourceType,
                resourceId,
                requestId,
                clientAddress,
                userAgent,
                details);
    }

    /** Reads the current row of a {@code SELECT * FROM audit_log} (for streaming reads). */
    public static AuditLogRow read(ResultSet row) throws SQLException {
        return new AuditLogRow(
                row.getString("event_id"),
                row.getString("tenant_id"),
                row.getLong("sequence"),
                row.getString("previous_hash"),
                row.getString("hash"),
                row.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                row.getString("action"),
                row.getString("actor_type"),
                row.getString("actor_id"),
                row.getString("actor_display_name"),
                row.getString("actor_key_id"),
                row.getString("actor_key_name"),
                row.getString("actor_identity_type"),
                row.getString("actor_identity_name"),
                row.getString("resource_type"),
                row.getString("resource_id"),
                row.getString("request_id"),
                row.getString("client_address"),
                row.getString("user_agent"),
                row.getString("details"));
    }
}
