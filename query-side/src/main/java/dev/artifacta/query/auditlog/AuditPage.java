package dev.artifacta.query.auditlog;

import java.util.List;

/**
 * One page of audit entries, newest first.
 *
 * @param entries the entries
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record AuditPage(List<AuditLogRow> entries, String nextCursor) {}
