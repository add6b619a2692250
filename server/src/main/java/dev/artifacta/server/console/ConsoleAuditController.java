package dev.artifacta.server.console;

import dev.artifacta.query.auditlog.AuditLogRow;
import dev.artifacta.query.auditlog.AuditPage;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.apikeys.ApiKeyService;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public ConsoleAuditController(ConsolePages pages, AuditSearch audit, ApiKeyService keys) {
        this.pages = pages;
        this.audit = audit;
        this.keys = keys;
    }

    /** One entry as the page shows it. */
    public record Entry(AuditLogRow row, Map<String, Object> details) {}

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
            @Nullable @QueryValue String cursor) {
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
                if (key != null) {
                    model.put("key", keys.read(user, key));
                    model.put(
                            "byKey",
                            entries(
                                    user,
                                    new AuditSearch.Filters(
                                            null, key, null, null, null, null, null, null, null, null)));
                    model.put(
                            "toKey",
                            entries(
                                    user,
                                    new AuditSearch.Filters(
                                            null, null, null, null, null, "api_key", key, null, null, null)));
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

    private List<Entry> entries(Principal.User user, AuditSearch.Filters filters) {
        return entriesOf(audit.find(user, filters, null, 100));
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
