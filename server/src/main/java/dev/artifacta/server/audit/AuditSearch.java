package dev.artifacta.server.audit;

import dev.artifacta.events.Actor;
import dev.artifacta.events.ApiScope;
import dev.artifacta.query.auditlog.AuditLogQueries;
import dev.artifacta.query.auditlog.AuditLogRow;
import dev.artifacta.query.auditlog.AuditPage;
import dev.artifacta.query.auditlog.AuditQuery;
import dev.artifacta.query.auditlog.InvalidCursor;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.http.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Searching the tenant's audit trail: the one use case behind {@code GET /v1/audit-events}, the
 * console's audit page and the MCP tool {@code search_audit_log}. It needs {@code audit:read}, keeps to the plan's retention window, and
 * checks the filters as the API documents them, then runs the audit view's indexed query.
 */
@Singleton
public class AuditSearch {

    public static final int DEFAULT_LIMIT = 50;
    private static final int MAX_FILTER_LENGTH = 300;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Set<String> ACTOR_TYPES =
            Set.of(Actor.USER, Actor.API_KEY, Actor.AGENT, Actor.OAUTH_CLIENT, Actor.SHARE_LINK, Actor.SERVICE);

    /**
     * The filters, as given (null when absent); they combine. {@code from} and {@code to} are
     * ISO-8601 instants, {@code order} {@code asc} or {@code desc}.
     */
    public record Filters(
            @Nullable String keyName,
            @Nullable String keyId,
            @Nullable String actorType,
            @Nullable String actorId,
            @Nullable String action,
            @Nullable String resourceType,
            @Nullable String resourceId,
            @Nullable String from,
            @Nullable String to,
            @Nullable String order) {

        public static Filters none() {
            return new Filters(null, null, null, null, null, null, null, null, null, null);
        }
    }

    private final AuditLogQueries queries;
    private final JsonMapper json;
    private final PlanAuditRetention retention;
    private final Clock clock;

    public AuditSearch(AuditLogQueries queries, JsonMapper json, PlanAuditRetention retention, Clock clock) {
        this.queries = queries;
        this.json = json;
        this.retention = retention;
        this.clock = clock;
    }

    /** A page of the entries that match, newest first unless the order is {@code asc}. */
    public AuditPage find(Principal principal, Filters filters, @Nullable String cursor, @Nullable Integer limit) {
        Principal.Tenancy caller = Principals.tenancyOf(Principals.requireScope(principal, ApiScope.AUDIT_READ));
        requireFilters(
                filters.keyName(),
                filters.keyId(),
                filters.actorType(),
                filters.actorId(),
                filters.action(),
                filters.resourceType(),
                filters.resourceId(),
                filters.order(),
                cursor);
        if (filters.actorType() != null && !ACTOR_TYPES.contains(filters.actorType())) {
            throw Problems.badRequest(
                    "invalid-filter",
                    "actorType must be one of user, api_key, agent, oauth_client, share_link, service.");
        }
        boolean ascending = ascending(filters.order());
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > AuditLogQueries.MAX_LIMIT) {
            throw Problems.badRequest(
                    "invalid-limit", "limit must be between 1 and " + AuditLogQueries.MAX_LIMIT + ".");
        }
        try {
            return queries.find(new AuditQuery(
                    caller.id(),
                    retention.notBefore(caller.plan(), clock.instant()),
                    filters.keyName(),
                    filters.keyId(),
                    filters.actorType(),
                    filters.actorId(),
                    filters.action(),
                    filters.resourceType(),
                    filters.resourceId(),
                    instant("from", filters.from()),
                    instant("to", filters.to()),
                    ascending,
                    cursor,
                    pageSize));
        } catch (InvalidCursor e) {
            throw Problems.badRequest("invalid-cursor", e.getMessage());
        }
    }

    /** How long the tenant's plan keeps its audit trail. */
    public Duration retentionOf(Principal principal) {
        return retention.windowOf(Principals.tenancyOf(principal).plan());
    }

    /** A stored entry as clients see it. */
    public AuditEventView view(AuditLogRow row) {
        return AuditEventView.of(row, details(row));
    }

    /** An entry's details (what changed), as stored. */
    public Map<String, Object> details(AuditLogRow row) {
        try {
            return json.readValue(row.details(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An instant given as a filter; a 400 problem naming the filter otherwise. */
    public static Instant instant(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw Problems.badRequest("invalid-time", name + " must lie between the years 1 and 9999.");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw Problems.badRequest(
                    "invalid-time", name + " must be an ISO-8601 instant such as 2026-11-22T10:00:00Z.");
        }
    }

    private static boolean ascending(@Nullable String order) {
        if (order == null || "desc".equals(order)) {
            return false;
        }
        if ("asc".equals(order)) {
            return true;
        }
        throw Problems.badRequest("invalid-order", "order must be asc or desc.");
    }

    private static void requireFilters(String... values) {
        for (String value : values) {
            if (value != null && (value.indexOf('\u0000') >= 0 || value.length() > MAX_FILTER_LENGTH)) {
                throw Problems.badRequest(
                        "invalid-filter",
                        "Filters are at most " + MAX_FILTER_LENGTH + " characters without NUL characters.");
            }
        }
    }
}
