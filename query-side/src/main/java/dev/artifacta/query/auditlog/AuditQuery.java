package dev.artifacta.query.auditlog;

import java.time.Instant;

/**
 * A filter over one tenant's audit view. Null fields do not filter.
 *
 * @param tenantId the tenant (always required: no query crosses tenants)
 * @param keyName the key name as it was when the event happened
 * @param keyId the key id
 * @param action an exact action, or a prefix ending in a dot such as {@code api_key.}
 * @param from inclusive lower bound of the time of the event
 * @param to exclusive upper bound of the time of the event
 * @param cursor the {@code nextCursor} of the previous page
 * @param limit page size, 1 to {@link AuditLogQueries#MAX_LIMIT}
 */
public record AuditQuery(
        String tenantId,
        String keyName,
        String keyId,
        String action,
        Instant from,
        Instant to,
        String cursor,
        int limit) {}
