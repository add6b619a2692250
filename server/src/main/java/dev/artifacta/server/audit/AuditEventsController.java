package dev.artifacta.server.audit;

import dev.artifacta.events.ApiScope;
import dev.artifacta.query.auditlog.AuditLogQueries;
import dev.artifacta.query.auditlog.AuditLogRow;
import dev.artifacta.query.auditlog.AuditPage;
import dev.artifacta.query.auditlog.AuditQuery;
import dev.artifacta.query.auditlog.InvalidCursor;
import dev.artifacta.server.auth.ApiPrincipal;
import dev.artifacta.server.http.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The tenant's audit trail: every recorded event with its actor and request, newest first. */
@Controller("/v1/audit-events")
@Tag(name = "Audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditEventsController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_FILTER_LENGTH = 300;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Who acted. */
    @Serdeable
    public record ActorView(
            String type,
            String id,
            String displayName,
            @Nullable String keyId,
            @Nullable String keyName,
            @Nullable IdentityView identity) {}

    /** Who the key acted as. */
    @Serdeable
    public record IdentityView(String type, String name) {}

    /** What was acted on. */
    @Serdeable
    public record ResourceView(String type, String id) {}

    /** The request that caused the event. */
    @Serdeable
    public record RequestView(
            @Nullable String id,
            @Nullable String clientAddress,
            @Nullable String userAgent) {}

    /** One audit entry. */
    @Serdeable
    public record AuditEventView(
            String id,
            Instant occurredAt,
            String action,
            ActorView actor,
            ResourceView resource,
            RequestView request,
            Map<String, Object> details) {}

    /** A page of entries; pass {@code nextCursor} as {@code cursor} for the next one. */
    @Serdeable
    public record AuditEventPage(
            List<AuditEventView> items, @Nullable String nextCursor) {}

    private final AuditLogQueries queries;
    private final JsonMapper json;

    public AuditEventsController(AuditLogQueries queries, JsonMapper json) {
        this.queries = queries;
        this.json = json;
    }

    @Get
    @Operation(
            summary = "Query the audit trail",
            description = "Filters combine; keyName is the key's name when the event happened. limit is 1 to 200.")
    public AuditEventPage list(
            HttpRequest<?> request,
            @Nullable @QueryValue String keyName,
            @Nullable @QueryValue String keyId,
            @Nullable @QueryValue String action,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit) {
        ApiPrincipal caller = ApiPrincipal.of(request).require(ApiScope.AUDIT_READ);
        for (String value : new String[] {keyName, keyId, action, cursor}) {
            if (value != null && (value.indexOf('\u0000') >= 0 || value.length() > MAX_FILTER_LENGTH)) {
                throw Problems.badRequest(
                        "invalid-filter",
                        "Filters are at most " + MAX_FILTER_LENGTH + " characters without NUL characters.");
            }
        }
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > AuditLogQueries.MAX_LIMIT) {
            throw Problems.badRequest(
                    "invalid-limit", "limit must be between 1 and " + AuditLogQueries.MAX_LIMIT + ".");
        }
        AuditPage page;
        try {
            page = queries.find(new AuditQuery(
                    caller.tenantId(),
                    keyName,
                    keyId,
                    action,
                    instant("from", from),
                    instant("to", to),
                    cursor,
                    pageSize));
        } catch (InvalidCursor e) {
            throw Problems.badRequest("invalid-cursor", e.getMessage());
        }
        return new AuditEventPage(page.entries().stream().map(this::view).toList(), page.nextCursor());
    }

    private AuditEventView view(AuditLogRow row) {
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
                details(row.details()));
    }

    private Map<String, Object> details(String stored) {
        try {
            return json.readValue(stored, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(String name, @Nullable String value) {
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
}
