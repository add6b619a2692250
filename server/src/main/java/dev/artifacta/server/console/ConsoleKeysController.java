package dev.artifacta.server.console;

import dev.artifacta.command.shared.Rejection;
import dev.artifacta.events.ApiScope;
import dev.artifacta.query.apikeylist.ApiKeyListQueries.StatusFilter;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.agents.AgentService;
import dev.artifacta.server.apikeys.ApiKeyService;
import dev.artifacta.server.apikeys.ApiKeyService.RequestedIdentity;
import dev.artifacta.server.apikeys.ApiKeyViews.ApiKeyView;
import dev.artifacta.server.apikeys.ApiKeyViews.CreatedApiKey;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.usage.RequestQuota;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API keys page: the keys the person may see (as {@code GET /v1/api-keys} lists them, through
 * {@link ApiKeyService} and so {@code AccessPolicy}), the plan's limit, and forms to create, rename
 * and revoke. A new key's secret is in the answer to its creation and nowhere else: the page that
 * shows it is not cached, and every later page shows the prefix and the last four characters only.
 */
@Hidden
@Controller("/console/keys")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleKeysController {

    /** What each scope lets a key do, as the create form explains it. */
    public static final Map<String, String> SCOPE_MEANINGS = scopeMeanings();

    private static final int PAGE = 50;

    private final ConsolePages pages;
    private final ApiKeyService keys;
    private final AgentService agents;
    private final RequestQuota plans;

    public ConsoleKeysController(ConsolePages pages, ApiKeyService keys, AgentService agents, RequestQuota plans) {
        this.pages = pages;
        this.keys = keys;
        this.agents = agents;
        this.plans = plans;
    }

    @Get
    public HttpResponse<?> list(
            HttpRequest<?> request,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue String done) {
        StatusFilter filter = filterOf(status);
        return pages.render(request, "console/keys", "API keys", "keys", user -> {
            Map<String, Object> model = listModel(user, filter, cursor, null, Map.of());
            if ("revoked".equals(done) || "renamed".equals(done)) {
                model.put("done", done);
            }
            return model;
        });
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, @Body @Nullable String body) {
        Form form = Form.of(body);
        var signedIn = pages.user(request);
        if (signedIn.isEmpty()) {
            return pages.signIn(request);
        }
        Principal.User user = signedIn.get();
        try {
            CreatedApiKey created = keys.create(
                    user,
                    form.value("name"),
                    form.value("description"),
                    form.values("scopes"),
                    identityOf(form.value("identity")),
                    expiryOf(form.value("expires")),
                    RequestInfos.of(request));
            return pages.page(
                    request, user, "console/key-created", "API key created", "keys", Map.of("created", created));
        } catch (ProblemException | Rejection e) {
            ConsolePages.Refusal refusal = ConsolePages.refusal(e);
            return pages.page(
                            request,
                            user,
                            "console/keys",
                            "API keys",
                            "keys",
                            listModel(user, StatusFilter.ACTIVE, null, refusal.message(), form.fields()))
                    .status(refusal.status());
        }
    }

    @Get("/{id}/revoke")
    public HttpResponse<?> confirmRevoke(HttpRequest<?> request, String id) {
        return pages.render(request, "console/key-revoke", "Revoke API key", "keys", user -> keyModel(user, id));
    }

    @Post("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revoke(HttpRequest<?> request, String id, @Body @Nullable String body) {
        if (pages.user(request).isEmpty()) {
            return pages.signIn(request);
        }
        ApiKeyView revoked = keys.revoke(pages.user(request).orElseThrow(), id, RequestInfos.of(request));
        return ConsolePages.seeOther("/console/keys?status=revoked&done=revoked#key-" + revoked.id());
    }

    @Get("/{id}/rename")
    public HttpResponse<?> renameForm(HttpRequest<?> request, String id) {
        return pages.render(request, "console/key-rename", "Rename API key", "keys", user -> keyModel(user, id));
    }

    @Post("/{id}/rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> rename(HttpRequest<?> request, String id, @Body @Nullable String body) {
        Form form = Form.of(body);
        if (pages.user(request).isEmpty()) {
            return pages.signIn(request);
        }
        Principal.User user = pages.user(request).orElseThrow();
        try {
            keys.rename(user, id, form.value("name"), RequestInfos.of(request));
            return ConsolePages.seeOther("/console/keys?done=renamed");
        } catch (ProblemException | Rejection e) {
            ConsolePages.Refusal refusal = ConsolePages.refusal(e);
            if (refusal.status() == 404) {
                throw e;
            }
            Map<String, Object> model = keyModel(user, id);
            model.put("error", refusal.message());
            return pages.page(request, user, "console/key-rename", "Rename API key", "keys", model)
                    .status(refusal.status());
        }
    }

    private Map<String, Object> keyModel(Principal.User user, String id) {
        Map<String, Object> model = new HashMap<>();
        model.put("key", keys.read(user, id));
        return model;
    }

    private Map<String, Object> listModel(
            Principal.User user, StatusFilter filter, String cursor, String error, Map<String, List<String>> entered) {
        ApiKeyService.KeyPage page = keys.list(user, filter, cursor, PAGE);
        int active = keys.list(user, StatusFilter.ACTIVE, null, 1000).items().size();
        Map<String, Object> model = new HashMap<>();
        model.put("keys", page.items());
        model.put("nextCursor", page.nextCursor());
        model.put("status", filter.name().toLowerCase(Locale.ROOT));
        model.put("statuses", List.of("active", "expired", "revoked", "all"));
        model.put("active", active);
        model.put("maxActive", plans.limitsOf(user.tenant().plan()).maxActiveKeys());
        model.put("plan", user.tenant().plan());
        // As GET /v1/agents: only people who manage agents see them (and may pick one here).
        model.put(
                "agents",
                user.role().scopes().contains(ApiScope.AGENTS_MANAGE.value()) ? agents.list(user) : List.of());
        List<Map<String, Object>> scopes = new ArrayList<>();
        List<String> checked = entered.isEmpty()
                ? ApiScope.DEFAULTS.stream().map(ApiScope::value).toList()
                : entered.getOrDefault("scopes", List.of());
        for (var scope : SCOPE_MEANINGS.entrySet()) {
            boolean allowed = user.role().scopes().contains(scope.getKey());
            scopes.add(Map.of(
                    "value",
                    scope.getKey(),
                    "id",
                    "scope-" + scope.getKey().replace(':', '-'),
                    "meaning",
                    scope.getValue(),
                    "checked",
                    allowed && checked.contains(scope.getKey()),
                    "allowed",
                    allowed));
        }
        model.put("scopes", scopes);
        model.put("entered", Form.firstValues(entered));
        if (error != null) {
            model.put("error", error);
        }
        return model;
    }

    private static StatusFilter filterOf(@Nullable String status) {
        if (status == null) {
            return StatusFilter.ACTIVE;
        }
        return switch (status) {
            case "expired" -> StatusFilter.EXPIRED;
            case "revoked" -> StatusFilter.REVOKED;
            case "all" -> StatusFilter.ALL;
            default -> StatusFilter.ACTIVE;
        };
    }

    private static RequestedIdentity identityOf(@Nullable String identity) {
        if (identity == null || identity.equals("user")) {
            return new RequestedIdentity.CallerUser();
        }
        return new RequestedIdentity.AgentById(identity.startsWith("agent:") ? identity.substring(6) : identity);
    }

    private static java.time.Instant expiryOf(@Nullable String date) {
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw dev.artifacta.server.http.Problems.invalid(
                    "invalid-expiry", "The expiry must be a date such as 2027-01-31.");
        }
    }

    private static Map<String, String> scopeMeanings() {
        Map<String, String> meanings = new LinkedHashMap<>();
        meanings.put("artifacts:read", "read artifacts, their versions and comments");
        meanings.put("artifacts:create", "create projects and artifacts");
        meanings.put("artifacts:update", "add versions and restore old ones");
        meanings.put("artifacts:delete", "delete artifacts");
        meanings.put("artifacts:share", "create and revoke share links");
        meanings.put("artifacts:access:read", "see who may view an artifact");
        meanings.put("artifacts:access:write", "change public switches and allowlists");
        meanings.put("comments:write", "post, edit and delete comments");
        meanings.put("agents:manage", "create, change and disable agents");
        meanings.put("members:read", "see the workspace's members and invitations");
        meanings.put("members:manage", "invite, change and remove members");
        meanings.put("audit:read", "search and export the audit trail");
        for (ApiScope scope : ApiScope.values()) {
            meanings.putIfAbsent(scope.value(), scope.value());
        }
        return meanings;
    }
}
