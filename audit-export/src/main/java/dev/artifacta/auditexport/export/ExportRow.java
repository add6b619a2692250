package dev.artifacta.auditexport.export;

import dev.artifacta.query.auditlog.AuditLogRow;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * An audit entry as the export reads it from its cursor: the text columns as UTF-8 bytes, not
 * decoded into strings, since the line writes them back as UTF-8. {@code getBytes} of a text column
 * gives its UTF-8 with both drivers the server runs on: PostgreSQL's hands over the bytes the server
 * sent, H2's encodes the string (EmbeddedH2IT exports non-ASCII text on H2). Null stands for SQL
 * NULL.
 */
record ExportRow(
        byte[] eventId,
        byte[] tenantId,
        long sequence,
        byte[] previousHash,
        byte[] hash,
        Instant occurredAt,
        byte[] action,
        byte[] actorType,
        byte[] actorId,
        byte[] actorDisplayName,
        byte[] actorKeyId,
        byte[] actorKeyName,
        byte[] actorIdentityType,
        byte[] actorIdentityName,
        byte[] resourceType,
        byte[] resourceId,
        byte[] requestId,
        byte[] clientAddress,
        byte[] userAgent,
        byte[] details) {

    /** The entry as a decoded row (for the CSV format, which is written from its document). */
    AuditLogRow decoded() {
        return new AuditLogRow(
                text(eventId),
                text(tenantId),
                sequence,
                text(previousHash),
                text(hash),
                occurredAt,
                text(action),
                text(actorType),
                text(actorId),
                text(actorDisplayName),
                text(actorKeyId),
                text(actorKeyName),
                text(actorIdentityType),
                text(actorIdentityName),
                text(resourceType),
                text(resourceId),
                text(requestId),
                text(clientAddress),
                text(userAgent),
                text(details));
    }

    private static String text(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * Reads rows of {@code SELECT * FROM audit_log}: each column found by name once, then read by
     * index (a lookup by name per value was a twentieth of the export).
     */
    static final class Reader {
        private final ResultSet rows;
        private final int eventId;
        private final int tenantId;
        private final int sequence;
        private final int previousHash;
        private final int hash;
        private final int occurredAt;
        private final int action;
        private final int actorType;
        private final int actorId;
        private final int actorDisplayName;
        private final int actorKeyId;
        private final int actorKeyName;
        private final int actorIdentityType;
        private final int actorIdentityName;
        private final int resourceType;
        private final int resourceId;
        private final int requestId;
        private final int clientAddress;
        private final int userAgent;
        private final int details;

        Reader(ResultSet rows) throws SQLException {
            this.rows = rows;
            eventId = rows.findColumn("event_id");
            tenantId = rows.findColumn("tenant_id");
            sequence = rows.findColumn("sequence");
            previousHash = rows.findColumn("previous_hash");
            hash = rows.findColumn("hash");
            occurredAt = rows.findColumn("occurred_at");
            action = rows.findColumn("action");
            actorType = rows.findColumn("actor_type");
            actorId = rows.findColumn("actor_id");
            actorDisplayName = rows.findColumn("actor_display_name");
            actorKeyId = rows.findColumn("actor_key_id");
            actorKeyName = rows.findColumn("actor_key_name");
            actorIdentityType = rows.findColumn("actor_identity_type");
            actorIdentityName = rows.findColumn("actor_identity_name");
            resourceType = rows.findColumn("resource_type");
            resourceId = rows.findColumn("resource_id");
            requestId = rows.findColumn("request_id");
            clientAddress = rows.findColumn("client_address");
            userAgent = rows.findColumn("user_agent");
            details = rows.findColumn("details");
        }

        /** The cursor's current row. */
        ExportRow read() throws SQLException {
            return new ExportRow(
                    text(eventId),
                    text(tenantId),
                    rows.getLong(sequence),
                    text(previousHash),
                    text(hash),
                    rows.getObject(occurredAt, OffsetDateTime.class).toInstant(),
                    text(action),
                    text(actorType),
                    text(actorId),
                    text(actorDisplayName),
                    text(actorKeyId),
                    text(actorKeyName),
                    text(actorIdentityType),
                    text(actorIdentityName),
                    text(resourceType),
                    text(resourceId),
                    text(requestId),
                    text(clientAddress),
                    text(userAgent),
                    text(details));
        }

        private byte[] text(int column) throws SQLException {
            return rows.getBytes(column);
        }
    }
}
