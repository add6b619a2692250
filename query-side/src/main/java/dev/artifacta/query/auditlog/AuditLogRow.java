package dev.artifacta.query.auditlog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One entry of the audit view: one event, who did it, to what, from which request. Keyed by the
 * event's position in the global event stream, which also orders entries and anchors cursors.
 */
@MappedEntity("audit_log")
public record AuditLogRow(
        @Id Long globalIndex,
        String eventId,
        String tenantId,
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
        String details) {}
