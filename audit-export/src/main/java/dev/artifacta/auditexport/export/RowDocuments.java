package dev.artifacta.auditexport.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.format.CanonicalJson;
import dev.artifacta.auditexport.format.EntryDocument;
import dev.artifacta.query.auditlog.AuditLogRow;
import java.io.IOException;

/** The document of an entry stored in the audit view. */
public final class RowDocuments {

    private RowDocuments() {}

    /** What is hashed: the entry without its hashes. */
    public static ObjectNode document(AuditLogRow row) {
        return EntryDocument.build(
                row.tenantId(),
                row.sequence(),
                row.eventId(),
                EntryDocument.time(row.occurredAt()),
                row.action(),
                row.actorType(),
                row.actorId(),
                row.actorDisplayName(),
                row.actorKeyId(),
                row.actorKeyName(),
                row.actorIdentityType(),
                row.actorIdentityName(),
                row.resourceType(),
                row.resourceId(),
                row.requestId(),
                row.clientAddress(),
                row.userAgent(),
                row.details());
    }

    /**
     * {@link #line} written straight to a generator, without a tree: the same fields in the same
     * order, empty optional values left out alike, the stored details copied token by token.
     */
    public static void writeLine(AuditLogRow row, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField(EntryDocument.TENANT_ID, row.tenantId());
        out.writeNumberField(EntryDocument.SEQUENCE, row.sequence());
        out.writeStringField("eventId", row.eventId());
        out.writeStringField(EntryDocument.OCCURRED_AT, EntryDocument.time(row.occurredAt()));
        out.writeStringField("action", row.action());
        out.writeObjectFieldStart("actor");
        out.writeStringField("type", row.actorType());
        out.writeStringField("id", row.actorId());
        out.writeStringField("displayName", row.actorDisplayName());
        optional(out, "keyId", row.actorKeyId());
        optional(out, "keyName", row.actorKeyName());
        if (present(row.actorIdentityType())) {
            out.writeObjectFieldStart("identity");
            out.writeStringField("type", row.actorIdentityType());
            optional(out, "name", row.actorIdentityName());
            out.writeEndObject();
        }
        out.writeEndObject();
        out.writeObjectFieldStart("resource");
        out.writeStringField("type", row.resourceType());
        out.writeStringField("id", row.resourceId());
        out.writeEndObject();
        out.writeObjectFieldStart("request");
        optional(out, "id", row.requestId());
        optional(out, "clientAddress", row.clientAddress());
        optional(out, "userAgent", row.userAgent());
        out.writeEndObject();
        out.writeFieldName("details");
        try (JsonParser details = CanonicalJson.mapper().createParser(row.details() == null ? "{}" : row.details())) {
            if (details.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("details must be a JSON object");
            }
            out.copyCurrentStructure(details);
        }
        out.writeStringField(EntryDocument.PREVIOUS_HASH, row.previousHash());
        out.writeStringField(EntryDocument.HASH, row.hash());
        out.writeEndObject();
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static void optional(JsonGenerator out, String field, String value) throws IOException {
        if (present(value)) {
            out.writeStringField(field, value);
        }
    }

    /** One line of an export: the document with the hash it chains from and its own. */
    public static ObjectNode line(AuditLogRow row) {
        ObjectNode line = document(row);
        line.put(EntryDocument.PREVIOUS_HASH, row.previousHash());
        line.put(EntryDocument.HASH, row.hash());
        return line;
    }
}
