package dev.artifacta.auditexport.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.format.EntryDocument;
import dev.artifacta.query.auditlog.AuditLogRow;

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

    /** One line of an export: the document with the hash it chains from and its own. */
    public static ObjectNode line(AuditLogRow row) {
        ObjectNode line = document(row);
        line.put(EntryDocument.PREVIOUS_HASH, row.previousHash());
        line.put(EntryDocument.HASH, row.hash());
        return line;
    }
}
