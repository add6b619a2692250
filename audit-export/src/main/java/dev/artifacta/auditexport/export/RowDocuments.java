package dev.artifacta.auditexport.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.format.EntryDocument;
import dev.artifacta.query.auditlog.AuditLogRow;
import java.io.IOException;

/** The document of an entry stored in the audit view. */
public final class RowDocuments {

    private RowDocuments() {}

    /** What is hashed: the entry without its hashes. */
    public static ObjectNode document(AuditLogRow row) {
        return fields(row, EntryDocument::build);
    }

    /** The canonical bytes of {@link #document}, written without the tree: what the chain hashes. */
    public static byte[] canonical(AuditLogRow row) {
        return fields(row, EntryDocument::canonicalBytes);
    }

    /** Something made of an entry's values, in the order {@link EntryDocument#build} takes them. */
    @FunctionalInterface
    private interface FromFields<T> {
        T of(
                String tenantId,
                long sequence,
                String eventId,
                String occurredAt,
                String action,
                String actorType,
                String actorId,
                String actorDisplayName,
                String actorKeyId,
                String actorKeyName,
                String actorIdentityType,
                String actorIdentityName,
                String resourceType,
                String resourceId,
                String requestId,
                String clientAddress,
                String userAgent,
                String detailsJson);
    }

    private static <T> T fields(AuditLogRow row, FromFields<T> make) {
        return make.of(
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

    private static final SerializedString PREVIOUS_HASH = new SerializedString(EntryDocument.PREVIOUS_HASH);
    private static final SerializedString HASH = new SerializedString(EntryDocument.HASH);

    /**
     * {@link #line} written straight to a generator, without a tree or strings ({@link
     * EntryDocument#writeFields}): the same bytes as the line's text, for the export's hot loop.
     */
    static void writeLine(ExportRow row, JsonGenerator out) throws IOException {
        out.writeStartObject();
        EntryDocument.writeFields(
                out,
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
        EntryDocument.string(out, PREVIOUS_HASH, row.previousHash());
        EntryDocument.string(out, HASH, row.hash());
        out.writeEndObject();
    }

    /** One line of an export: the document with the hash it chains from and its own. */
    public static ObjectNode line(AuditLogRow row) {
        ObjectNode line = document(row);
        line.put(EntryDocument.PREVIOUS_HASH, row.previousHash());
        line.put(EntryDocument.HASH, row.hash());
        return line;
    }
}
