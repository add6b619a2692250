package dev.artifacta.query.auditlog;

import java.time.Instant;

/**
 * A filter over one tenant's audit view. Null fields do not filter.
 *
 * @param tenantId the tenant (always required: no query crosses tenants)
 * @param notBefore the start of the tenant's retention window: older entries are never returned,
 *     whether or not the purge has removed them yet
 * @param keyName the key name as it was when the event happened
 * @param keyId the key id
 * @param actorType {@code user}, {@code api_key}, {@code agent}, {@code share_link} or
 *     {@code service}
 * @param actorId the actor's id
 * @param action an exact action, or a prefix ending in a dot such as {@code api_key.}
 * @param resourceType the kind of resource, for example {@code artifact}
 * @param resourceId the resource's id
 * @param from inclusive lower bound of the time of the event
 * @param to exclusive upper bound of the time of the event
 * @param ascending oldest first instead of newest first
 * @param cursor the {@code nextCursor} of the previous page
 * @param limit page size, 1 to {@link AuditLogQueries#MAX_LIMIT}
 */
public record AuditQuery(
        String tenantId,
        Instant notBefore,
        String keyName,
        String keyId,
        String actorType,
        String actorId,
        String action,
        String resourceType,
        String resourceId,
        Instant from,
        Instant to,
        boolean ascending,
        String cursor,
        int limit) {}
