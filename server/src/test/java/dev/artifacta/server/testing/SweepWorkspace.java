package dev.artifacta.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.OpenApiOperations.Operation;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A workspace with one of everything (project, artifact with two versions, comment, agent, key,
 * invitation, editor share link), so that a sweep over every operation of the OpenAPI document can
 * address real resources and send a valid body to each. A new operation with a body must get a
 * sample here: {@link #validBody} fails for one it does not know.
 */
public final class SweepWorkspace {

    private static final Map<String, IntFunction<String>> VALID_BODIES = Map.ofEntries(
            Map.entry("PUT /admin/v1/tenants/{id}/plan", n -> "{\"plan\":\"team\"}"),
            Map.entry("PUT /v1/oauth-client-registration", n -> "{\"enabled\":true}"),
            Map.entry(
                    "POST /auth/dev/login",
                    n -> "{\"email\":\"dev" + n + "@sweep.example\",\"name\":\"Dev\",\"workspace\":\"w" + n + "\"}"),
            Map.entry(
                    "POST /v1/agents",
                    n -> "{\"name\":\"bot-" + n + "\",\"description\":\"builds\",\"role\":\"editor\"}"),
            Map.entry("PATCH /v1/agents/{id}", n -> "{\"name\":\"bot-renamed-" + n + "\",\"role\":\"viewer\"}"),
            Map.entry(
                    "POST /v1/api-keys",
                    n -> "{\"name\":\"key-" + n + "\",\"description\":\"ci\",\"scopes\":[\"artifacts:read\"],"
                            + "\"identity\":{\"type\":\"agent\",\"name\":\"helper-" + n + "\"},"
                            + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}"),
            Map.entry("PATCH /v1/api-keys/{id}", n -> "{\"name\":\"key-renamed-" + n + "\"}"),
            Map.entry(
                    "POST /v1/artifacts",
                    n -> "{\"project\":\"sweep\",\"title\":\"Report " + n + "\",\"content\":\"# hello\","
                            + "\"contentType\":\"text/markdown\",\"fileName\":\"report.md\",\"private\":false}"),
            Map.entry(
                    "PUT /v1/artifacts/{id}/access",
                    n -> "{\"publicView\":false,\"publicEdit\":false,\"viewerEmails\":[\"viewer@sweep.example\"]}"),
            Map.entry("POST /v1/artifacts/{id}/comments", n -> "{\"body\":\"Looks good " + n + "\",\"version\":1}"),
            Map.entry("PATCH /v1/artifacts/{id}/comments/{commentId}", n -> "{\"body\":\"Edited " + n + "\"}"),
            Map.entry("POST /v1/artifacts/{id}/comments/{commentId}/replies", n -> "{\"body\":\"Reply " + n + "\"}"),
            Map.entry("POST /v1/artifacts/{id}/restore", n -> "{\"version\":1}"),
            Map.entry(
                    "POST /v1/artifacts/{id}/share-links",
                    n -> "{\"role\":\"viewer\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}"),
            Map.entry(
                    "POST /v1/artifacts/{id}/versions",
                    n -> "{\"content\":\"# v" + n + "\",\"contentType\":\"text/markdown\",\"fileName\":\"v.md\"}"),
            Map.entry(
                    "POST /v1/invitations", n -> "{\"email\":\"invitee" + n + "@sweep.example\",\"role\":\"viewer\"}"),
            Map.entry("PATCH /v1/members/{userId}", n -> "{\"role\":\"owner\"}"),
            Map.entry(
                    "POST /v1/oauth-clients",
                    n -> "{\"name\":\"mcp-" + n + "\",\"scopes\":[\"artifacts:read\"],"
                            + "\"grantTypes\":[\"client_credentials\"]}"),
            Map.entry("POST /v1/projects", n -> "{\"slug\":\"p-" + n + "\",\"name\":\"Project " + n + "\"}"),
            Map.entry(
                    "POST /v1/shared/{token}/versions",
                    n -> "{\"content\":\"shared " + n + "\",\"contentType\":\"text/plain\",\"fileName\":\"s.txt\"}"),
            Map.entry(
                    "POST /v1/signup",
                    n -> "{\"tenant\":\"sweep-" + n + "\",\"email\":\"owner" + n + "@sweep.example\"}"));

    private final Api api;
    private final AtomicInteger unique = new AtomicInteger();
    public final Tenant owner;
    public final Tenant other;
    private final Map<String, String> ids;

    private SweepWorkspace(Api api, Tenant owner, Tenant other, Map<String, String> ids) {
        this.api = api;
        this.owner = owner;
        this.other = other;
        this.ids = ids;
    }

    /** Signs up a tenant (on Team, so every feature is open) and creates one of everything. */
    public static SweepWorkspace create(Api api, String adminToken) {
        Tenant owner = api.signUp("sweep");
        Tenant other = api.signUp("sweep-other");
        require(api.put("/admin/v1/tenants/" + owner.id() + "/plan", adminToken, "{\"plan\":\"team\"}"), 200);
        String project = require(api.post("/v1/projects", owner.key(), "{\"slug\":\"sweep\",\"name\":\"Sweep\"}"), 201)
                .get("id")
                .asText();
        String artifact = require(
                        api.post(
                                "/v1/artifacts",
                                owner.key(),
                                "{\"project\":\"sweep\",\"title\":\"Notes\",\"content\":\"# one\","
                                        + "\"contentType\":\"text/markdown\",\"fileName\":\"notes.md\"}"),
                        201)
                .get("id")
                .asText();
        require(api.post("/v1/artifacts/" + artifact + "/versions", owner.key(), "{\"content\":\"# two\"}"), 201, 200);
        String comment = require(
                        api.post("/v1/artifacts/" + artifact + "/comments", owner.key(), "{\"body\":\"First\"}"), 201)
                .get("id")
                .asText();
        String agent = require(api.post("/v1/agents", owner.key(), "{\"name\":\"sweeper\"}"), 201)
                .get("id")
                .asText();
        String oauthClient = require(
                        api.post(
                                "/v1/oauth-clients",
                                owner.key(),
                                "{\"name\":\"sweep-client\",\"scopes\":[\"artifacts:read\"]}"),
                        201)
                .get("clientId")
                .asText();
        String key = api.createKey(owner.key(), "{\"name\":\"sweep-target\"}")
                .get("id")
                .asText();
        String invitation = require(
                        api.post(
                                "/v1/invitations",
                                owner.key(),
                                "{\"email\":\"someone@sweep.example\",\"role\":\"viewer\"}"),
                        201)
                .get("id")
                .asText();
        JsonNode link = require(
                api.post("/v1/artifacts/" + artifact + "/share-links", owner.key(), "{\"role\":\"editor\"}"), 201);
        String userId = require(api.get("/v1/members", owner.key()), 200)
                .at("/members/0/userId")
                .asText();
        return new SweepWorkspace(
                api,
                owner,
                other,
                Map.ofEntries(
                        Map.entry("oauth-client", oauthClient),
                        Map.entry("artifact", artifact),
                        Map.entry("project", project),
                        Map.entry("comment", comment),
                        Map.entry("agent", agent),
                        Map.entry("key", key),
                        Map.entry("invitation", invitation),
                        Map.entry("link", link.get("id").asText()),
                        Map.entry("token", link.get("token").asText()),
                        Map.entry("user", userId)));
    }

    /** The editor share link's token (a secret: tests must not print it). */
    public String shareToken() {
        return ids.get("token");
    }

    /** The operation's path with this workspace's real ids. */
    public String path(Operation operation) {
        String path = operation.path();
        for (String parameter : operation.pathParameters()) {
            path = path.replace("{" + parameter + "}", realId(operation.path(), parameter));
        }
        return path;
    }

    /** The query a valid request needs ("" for most). */
    public static String validQuery(Operation operation) {
        return operation.path().endsWith("/diff") ? "?from=1&to=2" : "";
    }

    /** The operation's path with every path parameter set to {@code value} (URL-encoded). */
    public static String pathWith(Operation operation, String value) {
        String path = operation.path();
        String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        for (String parameter : operation.pathParameters()) {
            path = path.replace("{" + parameter + "}", encoded);
        }
        return path;
    }

    private String realId(String template, String parameter) {
        return switch (parameter) {
            case "commentId" -> ids.get("comment");
            case "linkId" -> ids.get("link");
            case "token" -> ids.get("token");
            case "userId" -> ids.get("user");
            case "number" -> "1";
            case "name" -> "project-list";
            case "id" -> {
                if (template.startsWith("/v1/agents")) yield ids.get("agent");
                if (template.startsWith("/v1/api-keys")) yield ids.get("key");
                if (template.startsWith("/v1/artifacts")) yield ids.get("artifact");
                if (template.startsWith("/v1/invitations")) yield ids.get("invitation");
                if (template.startsWith("/v1/projects")) yield ids.get("project");
                if (template.startsWith("/v1/oauth-clients")) yield ids.get("oauth-client");
                if (template.startsWith("/v1/share-links")) yield ids.get("link");
                if (template.startsWith("/admin/v1/tenants")) yield owner.id();
                throw new AssertionError("SweepWorkspace does not know which id {id} is in " + template);
            }
            default -> throw new AssertionError("SweepWorkspace does not know {" + parameter + "} in " + template);
        };
    }

    /** A valid JSON body for the operation, unique where names must be. */
    public String validBody(Operation operation) {
        IntFunction<String> sample = VALID_BODIES.get(operation.key());
        if (sample == null) {
            throw new AssertionError("no valid body for " + operation.key() + ": add one to SweepWorkspace");
        }
        return sample.apply(unique.incrementAndGet());
    }

    /**
     * The request the operation's caller sends: the admin token on admin routes, nothing on public
     * ones, else the owner's key.
     */
    public MutableHttpRequest<?> request(Operation operation, String path, String adminToken) {
        MutableHttpRequest<?> request =
                switch (operation.method()) {
                    case "GET" -> HttpRequest.GET(path);
                    case "POST" -> HttpRequest.POST(path, "");
                    case "PUT" -> HttpRequest.PUT(path, "");
                    case "PATCH" -> HttpRequest.PATCH(path, "");
                    case "DELETE" -> HttpRequest.DELETE(path);
                    default -> HttpRequest.create(HttpMethod.valueOf(operation.method()), path);
                };
        if (operation.path().startsWith("/admin/")) {
            request.bearerAuth(adminToken);
        } else if (!isPublic(operation)) {
            request.bearerAuth(owner.key());
        }
        return request;
    }

    public static MutableHttpRequest<?> withJson(MutableHttpRequest<?> request, String body) {
        return body == null ? request : request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static boolean isPublic(Operation operation) {
        return operation.path().startsWith("/v1/shared/")
                || operation.path().startsWith("/auth/")
                || operation.path().equals("/v1/signup")
                || operation.path().equals("/metrics");
    }

    /** Operations a sweep sends in this order: those that add first, removals last. */
    public static int order(Operation operation) {
        return switch (operation.method()) {
            case "POST", "PUT", "PATCH" -> operation.path().endsWith("/disable") ? 2 : 0;
            case "GET" -> 1;
            default -> operation.path().equals("/v1/artifacts/{id}") ? 4 : 3;
        };
    }

    public Api api() {
        return api;
    }

    private static JsonNode require(ApiResponse response, int... statuses) {
        for (int status : statuses) {
            if (response.status() == status) {
                return response.body().isEmpty() ? null : response.json();
            }
        }
        throw new AssertionError("sweep set-up failed: " + response);
    }
}
