package dev.artifacta.server.audit;

import dev.artifacta.query.auditlog.AuditLogRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

// The one shape of an audit entry for every client: GET /v1/audit-events and the MCP tool
// search_audit_log (AuditSearch#view). Its javadoc is the OpenAPI schema's description.
/** One audit entry. */
@Schema(name = "AuditEvent")
@Serdeable
public record AuditEventView(
        String id,
        Instant occurredAt,
        String action,
        AuditEventView.ActorView actor,
        AuditEventView.ResourceView resource,
        AuditEventView.RequestView request,

        @Schema(
                description = "Facts of the event, by action: strings, numbers, booleans, arrays or objects.",
                type = "object",
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> details) {

    /** Who acted. */
    @Schema(name = "AuditActor")
    @Serdeable
    public record ActorView(
            String type,
            String id,
            String displayName,
            @Nullable String keyId,
            @Nullable String keyName,
            @Nullable IdentityView identity) {}

    /** Who the key acted as. */
    @Schema(name = "AuditActorIdentity")
    @Serdeable
    public record IdentityView(String type, String name) {}

    /** What was acted on. */
    @Schema(name = "AuditResource")
    @Serdeable
    public record ResourceView(String type, String id) {}

    /** The request that caused the event. */
    @Schema(name = "AuditRequest")
    @Serdeable
    public record RequestView(
            @Nullable String id,
            @Nullable String clientAddress,
            @Nullable String userAgent) {}

    /** The view of a stored entry, with its details as read from it. */
    static AuditEventView of(AuditLogRow row, Map<String, Object> details) {
        return new AuditEventView(
                row.eventId(),
                row.occurredAt(),
                row.action(),
                new ActorView(
                        row.actorType(),
                        row.actorId(),
                        row.actorDisplayName(),
                        row.actorKeyId(),
                        row.actorKeyName(),
                        row.actorIdentityType() == null
                                ? null
                                : new IdentityView(row.actorIdentityType(), row.actorIdentityName())),
                new ResourceView(row.resourceType(), row.resourceId()),
                new RequestView(row.requestId(), row.clientAddress(), row.userAgent()),
                details);
    }
}
