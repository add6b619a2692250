package dev.artifacta.server.console;

import dev.artifacta.query.auditlog.AuditLogRow;
import dev.artifacta.query.auditlog.AuditPage;
import dev.artifacta.server.apikeys.ApiKeyService;
import dev.artifacta.server.audit.AuditActivity;
import dev.artifacta.server.audit.AuditSearch;
import dev.artifacta.server.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit page: the search of {@code GET /v1/audit-events} (the same {@link AuditSearch}, so
 * the same scope, retention window and indexed queries) as a form, each entry's details, and for
 * one key ({@code ?key=<id>}) everything done with it and everything done to it. The exports are
 * links to the API's export, which the session may call.
 */
@Hidden
@Controller("/console/audit")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleAuditController {

    private final ConsolePages pages;
    private final AuditSearch audit;
    private final ApiKeyService keys;
    private final AuditActivity activity;

    public ConsoleAuditController(ConsolePages pages, AuditSearch audit, ApiKeyService keys, AuditActivity activity) {
        this.pages = pages;
        this.audit = audit;
        this.keys = keys;
        this.activity = activity;
    }

    /** One entry as the page shows it. */
    public record Entry(AuditLogRow row, Map<String, Object> details) {}

    /** Entries per table on a key's page; each table has its own next-page link. */
    private static final int KEY_PAGE = 50;

    @Get
    public HttpResponse<?> search(
            HttpRequest<?> request,
            @Nullable @QueryValue String keyName,
            @Nullable @QueryValue String actorType,
            @Nullable @QueryValue String actorId,
            @Nullable @QueryValue String action,
            @Nullable @QueryValue String resourceType,
            @Nullable @QueryValue String resourceId,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue String key,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue String withCursor,
            @Nullable @QueryValue String toCursor) {
        return pages.render(request, "console/audit", "Audit log", "audit", user -> {
            Map<String, Object> model = new HashMap<>();
            Map<String, String> entered = new LinkedHashMap<>();
            entered.put("keyName", blankToNull(keyName));
            entered.put("actorType", blankToNull(actorType));
            entered.put("actorId", blankToNull(actorId));
            entered.put("action", blankToNull(action));
            entered.put("resourceType", blankToNull(resourceType));
            entered.put("resourceId", blankToNull(resourceId));
            entered.put("from", blankToNull(from));
            entered.put("to", blankToNull(to));
            model.put("entered", entered);
            model.put("retentionDays", audit.retentionOf(user).toDays());
            model.put("exportQuery", exportQuery(entered));
            try {
                model.put("chain", activity.chainStatus(user));
                if (key == null) {
                    AuditActivity.Chart chart = activity.chart(user, day(entered.get("from")), day(entered.get("to")));
                    model.put("chart", chart);
                    model.put("chartMax", Math.max(1, chart.max()));
                }
                if (key != null) {
                    model.put("key", keys.read(user, key));
                    AuditPage doneWith = audit.find(
                            user,
                            new AuditSearch.Filters(null, key, null, null, null, null, null, null, null, null),
                            blankToNull(withCursor),
                            KEY_PAGE);
                    AuditPage doneTo = audit.find(
                            user,
                            new AuditSearch.Filters(null, null, null, null, null, "api_key", key, null, null, null),
                            blankToNull(toCursor),
                            KEY_PAGE);
                    model.put("byKey", entriesOf(doneWith));
                    model.put("toKey", entriesOf(doneTo));
                    // Each table pages on its own, keeping the other where it was.
                    if (doneWith.nextCursor() != null) {
                        model.put("byKeyNext", keyPage(key, doneWith.nextCursor(), blankToNull(toCursor)));
                    }
                    if (doneTo.nextCursor() != null) {
                        model.put("toKeyNext", keyPage(key, blankToNull(withCursor), doneTo.nextCursor()));
                    }
                } else {
                    AuditPage page = audit.find(
                            user,
                            new AuditSearch.Filters(
                                    entered.get("keyName"),
                                    null,
                                    entered.get("actorType"),
                                    entered.get("actorId"),
                                    entered.get("action"),
                                    entered.get("resourceType"),
                                    entered.get("resourceId"),
                                    instant(entered.get("from")),
                                    instant(entered.get("to")),
                                    null),
                            blankToNull(cursor),
                            null);
                    model.put("entries", entriesOf(page));
                    if (page.nextCursor() != null) {
                        UriBuilder next = UriBuilder.of("/console/audit");
                        entered.forEach((name, value) -> {
                            if (value != null) {
                                next.queryParam(name, value);
                            }
                        });
                        model.put(
                                "next",
                                next.queryParam("cursor", page.nextCursor()).toString());
                    }
                }
            } catch (ProblemException e) {
                model.put("error", ConsolePages.refusal(e).message());
            }
            return model;
        });
    }

    private static String keyPage(String key, @Nullable String withCursor, @Nullable String toCursor) {
        UriBuilder page = UriBuilder.of("/console/audit").queryParam("key", key);
        if (withCursor != null) {
            page.queryParam("withCursor", withCursor);
        }
        if (toCursor != null) {
            page.queryParam("toCursor", toCursor);
        }
        return page.toString();
    }

    private List<Entry> entriesOf(AuditPage page) {
        List<Entry> entries = new ArrayList<>();
        for (AuditLogRow row : page.entries()) {
            entries.add(new Entry(row, audit.details(row)));
        }
        return entries;
    }

    /** A time the form's datetime-local field gave (no zone: the page says UTC), as an instant. */
    private static String instant(@Nullable String local) {
        if (local == null) {
            return null;
        }
        if (local.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            return local + ":00Z";
        }
        if (local.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return local + "Z";
        }
        return local;
    }

    /** The UTC day of a time the form gave, when it gave one the page can read. */
    private static Optional<LocalDate> day(@Nullable String local) {
        if (local == null || local.length() < 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(local.substring(0, 10)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String exportQuery(Map<String, String> entered) {
        StringBuilder query = new StringBuilder();
        if (entered.get("from") != null) {
            query.append("&from=")
                    .append(java.net.URLEncoder.encode(
                            instant(entered.get("from")), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (entered.get("to") != null) {
            query.append("&to=")
                    .append(java.net.URLEncoder.encode(
                            instant(entered.get("to")), java.nio.charset.StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
