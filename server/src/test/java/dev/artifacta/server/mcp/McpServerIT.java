package dev.artifacta.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The MCP server through the MCP Java SDK's own client over streamable HTTP, with access tokens from
 * the token endpoint: the tools act with the token's principal under the REST API's policy, and the
 * audit log names the OAuth client.
 */
@MicronautTest(transactional = false)
class McpServerIT extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private String token(Tenant tenant, String name, String scopes) {
        ApiResponse created =
                api.post("/v1/oauth-clients", tenant.key(), "{\"name\":\"" + name + "\",\"scopes\":[" + scopes + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ApiResponse granted = api.send(HttpRequest.POST("/oauth/token", "grant_type=client_credentials")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .basicAuth(
                        created.json().get("clientId").asText(),
                        created.json().get("clientSecret").asText()));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        return granted.json().get("access_token").asText();
    }

    private McpSyncClient client(String token) {
        var transport = HttpClientStreamableHttpTransport.builder(
                        server.getURL().toString())
                .endpoint("/mcp")
                .httpRequestCustomizer(
                        (builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("artifacta-it", "1"))
                .build();
    }

    private String artifact(Tenant tenant, String title) {
        ApiResponse created = api.post(
                "/v1/artifacts",
                tenant.key(),
                "{\"title\":\"" + title + "\",\"content\":\"# one\\n\",\"contentType\":\"text/markdown\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static JsonNode json(CallToolResult result) throws Exception {
        return JSON.readTree(((McpSchema.TextContent) result.content().getFirst()).text());
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    @Test
    void givenAClientCredentialsToken_theSdkClientListsToolsPushesReadsAndFindsItselfInTheAuditLog() throws Exception {
        Tenant tenant = api.signUp("mcp-main");
        String id = artifact(tenant, "Quarterly report");
        String token = token(tenant, "Claude Desktop", "\"artifacts:read\",\"artifacts:update\",\"audit:read\"");

        try (McpSyncClient mcp = client(token)) {
            McpSchema.InitializeResult initialized = mcp.initialize();
            assertThat(initialized.serverInfo().name()).isEqualTo("artifacta");

            List<String> tools =
                    mcp.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(tools)
                    .contains(
                            "list_projects",
                            "list_artifacts",
                            "read_artifact",
                            "push_version",
                            "diff_versions",
                            "restore_version",
                            "create_share_link",
                            "revoke_share_link",
                            "search_audit_log");

            CallToolResult found =
                    mcp.callTool(new McpSchema.CallToolRequest("list_artifacts", Map.of("query", "quarterly")));
            assertThat(found.isError()).as(text(found)).isFalse();
            assertThat(json(found).at("/artifacts/0/id").asText()).isEqualTo(id);

            CallToolResult pushed = mcp.callTool(new McpSchema.CallToolRequest(
                    "push_version", Map.of("artifactId", id, "content", "# two\n", "expectedVersion", 1)));
            assertThat(pushed.isError()).as(text(pushed)).isFalse();
            assertThat(json(pushed).get("version").asLong()).isEqualTo(2);
            assertThat(json(pushed).get("createdBy").asText()).isEqualTo("OAuth client: Claude Desktop");

            CallToolResult read =
                    mcp.callTool(new McpSchema.CallToolRequest("read_artifact", Map.of("artifactId", id)));
            assertThat(json(read).get("content").asText()).isEqualTo("# two\n");
            CallToolResult first = mcp.callTool(
                    new McpSchema.CallToolRequest("read_artifact", Map.of("artifactId", id, "version", 1)));
            assertThat(json(first).get("content").asText()).isEqualTo("# one\n");
            CallToolResult diff = mcp.callTool(
                    new McpSchema.CallToolRequest("diff_versions", Map.of("artifactId", id, "from", 1, "to", 2)));
            assertThat(json(diff).get("unified").asText()).contains("-# one").contains("+# two");

            CallToolResult audit = mcp.callTool(
                    new McpSchema.CallToolRequest("search_audit_log", Map.of("action", "artifact.version_appended")));
            assertThat(audit.isError()).as(text(audit)).isFalse();
            JsonNode entry = json(audit).at("/entries/0");
            assertThat(entry.at("/actor/type").asText()).isEqualTo("oauth_client");
            assertThat(entry.at("/actor/displayName").asText()).isEqualTo("OAuth client: Claude Desktop");
            assertThat(entry.at("/resource/id").asText()).isEqualTo(id);
            // The entry as GET /v1/audit-events shows it: the request behind it too.
            assertThat(entry.at("/id").asText()).isNotBlank();
            assertThat(entry.at("/request/id").asText()).isNotBlank();

            CallToolResult badFilter =
                    mcp.callTool(new McpSchema.CallToolRequest("search_audit_log", Map.of("actorType", "robot")));
            assertThat(badFilter.isError()).as(text(badFilter)).isTrue();
            assertThat(text(badFilter)).contains("actorType must be one of").contains("invalid-filter");
        }
    }

    @Test
    void givenAShareScopedToken_aLinkIsCreatedAndRevokedThroughTools_andTheLinkThenOpensNothing() throws Exception {
        Tenant tenant = api.signUp("mcp-share");
        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        String id = artifact(tenant, "Shared doc");
        String token = token(tenant, "Sharer", "\"artifacts:read\",\"artifacts:share\"");

        try (McpSyncClient mcp = client(token)) {
            mcp.initialize();
            CallToolResult created = mcp.callTool(
                    new McpSchema.CallToolRequest("create_share_link", Map.of("artifactId", id, "role", "viewer")));
            assertThat(created.isError()).as(text(created)).isFalse();
            String shareToken = json(created).get("token").asText();
            assertThat(api.get("/v1/shared/" + shareToken, null).status()).isEqualTo(200);

            CallToolResult revoked = mcp.callTool(new McpSchema.CallToolRequest(
                    "revoke_share_link",
                    Map.of("linkId", json(created).get("id").asText())));
            assertThat(revoked.isError()).as(text(revoked)).isFalse();
            assertThat(api.get("/v1/shared/" + shareToken, null).status()).isIn(401, 404);
        }
    }

    @Test
    void givenAnUnderScopedToken_whenAToolNeedsMore_thenAToolErrorNamesTheScope_andTheDenialIsAudited()
            throws Exception {
        Tenant tenant = api.signUp("mcp-scope");
        String id = artifact(tenant, "Read only");
        String token = token(tenant, "Reader", "\"artifacts:read\"");

        try (McpSyncClient mcp = client(token)) {
            mcp.initialize();
            CallToolResult refused = mcp.callTool(
                    new McpSchema.CallToolRequest("push_version", Map.of("artifactId", id, "content", "nope")));
            CallToolResult audit = mcp.callTool(new McpSchema.CallToolRequest("search_audit_log", Map.of()));

            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("artifacts:update");
            assertThat(audit.isError()).isTrue();
            assertThat(text(audit)).contains("audit:read");
        }
        assertThat(api.get("/v1/artifacts/" + id, tenant.key())
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(1);
        JsonNode denied = api.get("/v1/audit-events?action=access.denied", tenant.key())
                .json()
                .get("items");
        assertThat(denied).isNotEmpty();
        assertThat(denied.get(0).at("/actor/type").asText()).isEqualTo("oauth_client");
    }

    @Test
    void givenAnotherTenantsArtifact_whenReadOrPushedThroughTools_thenTheSameAnswerAsAnIdThatExistsNowhere()
            throws Exception {
        Tenant owner = api.signUp("mcp-owner");
        Tenant other = api.signUp("mcp-other");
        String foreign = artifact(owner, "Secret plans");
        String token = token(other, "Prober", "\"artifacts:read\",\"artifacts:update\"");

        try (McpSyncClient mcp = client(token)) {
            mcp.initialize();
            for (String tool : List.of("read_artifact", "push_version", "diff_versions")) {
                Map<String, Object> foreignArgs = Map.of("artifactId", foreign, "content", "x", "from", 1, "to", 1);
                String unknownId = UUID.randomUUID().toString();
                Map<String, Object> unknownArgs = Map.of("artifactId", unknownId, "content", "x", "from", 1, "to", 1);
                Map<String, Object> foreignFiltered = filter(tool, foreignArgs);
                Map<String, Object> unknownFiltered = filter(tool, unknownArgs);

                CallToolResult onForeign = mcp.callTool(new McpSchema.CallToolRequest(tool, foreignFiltered));
                CallToolResult onUnknown = mcp.callTool(new McpSchema.CallToolRequest(tool, unknownFiltered));

                assertThat(onForeign.isError()).as(tool).isTrue();
                assertThat(text(onForeign))
                        .as(tool)
                        .contains("artifact-not-found")
                        .doesNotContain("Secret plans");
                assertThat(text(onForeign).replace(foreign, "<id>"))
                        .as(tool)
                        .isEqualTo(text(onUnknown).replace(unknownId, "<id>"));
            }
        }
        assertThat(api.get("/v1/artifacts/" + foreign, owner.key())
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void givenAClientThatIsDisabled_theNextMcpCallIsRefusedWithTheInvalidTokenChallenge() {
        Tenant tenant = api.signUp("mcp-disable");
        ApiResponse created =
                api.post("/v1/oauth-clients", tenant.key(), "{\"name\":\"Soon off\",\"scopes\":[\"artifacts:read\"]}");
        String clientId = created.json().get("clientId").asText();
        String token = api.send(HttpRequest.POST("/oauth/token", "grant_type=client_credentials")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                        .basicAuth(clientId, created.json().get("clientSecret").asText()))
                .json()
                .get("access_token")
                .asText();
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        assertThat(api.send(HttpRequest.POST("/mcp", list)
                                .contentType(MediaType.APPLICATION_JSON_TYPE)
                                .bearerAuth(token))
                        .status())
                .isEqualTo(200);

        api.post("/v1/oauth-clients/" + clientId + "/disable", tenant.key(), "");

        ApiResponse refused = api.send(HttpRequest.POST("/mcp", list)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(token));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void givenAnotherTenantsShareLink_whenRevokedThroughTheTool_thenNotFound_andTheLinkStillOpens() throws Exception {
        Tenant owner = api.signUp("mcp-link-owner");
        assertThat(api.put("/admin/v1/tenants/" + owner.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        String id = artifact(owner, "Theirs");
        JsonNode link = api.post("/v1/artifacts/" + id + "/share-links", owner.key(), "{\"role\":\"viewer\"}")
                .json();
        Tenant other = api.signUp("mcp-link-other");
        String token = token(other, "Prober", "\"artifacts:read\",\"artifacts:share\"");

        try (McpSyncClient mcp = client(token)) {
            mcp.initialize();
            CallToolResult refused = mcp.callTool(new McpSchema.CallToolRequest(
                    "revoke_share_link", Map.of("linkId", link.get("id").asText())));

            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("share-link-not-found");
        }
        assertThat(api.get("/v1/shared/" + link.get("token").asText(), null).status())
                .isEqualTo(200);
    }

    @Test
    void withoutAToken_theMcpEndpointAnswers401PointingAtTheProtectedResourceMetadata() {
        ApiResponse anonymous =
                api.send(HttpRequest.POST("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .accept("application/json, text/event-stream"));
        ApiResponse withApiKey =
                api.send(HttpRequest.POST("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .bearerAuth(api.signUp("mcp-key").key()));

        for (ApiResponse refused : List.of(anonymous, withApiKey)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate"))
                    .startsWith("Bearer resource_metadata=\"")
                    .contains("/.well-known/oauth-protected-resource");
        }
        assertThatThrownBy(() -> {
                    try (McpSyncClient mcp = client("not-a-token")) {
                        mcp.initialize();
                    }
                })
                .isInstanceOf(RuntimeException.class);
    }

    private static Map<String, Object> filter(String tool, Map<String, Object> args) {
        return switch (tool) {
            case "read_artifact" -> Map.of("artifactId", args.get("artifactId"));
            case "push_version" -> Map.of("artifactId", args.get("artifactId"), "content", args.get("content"));
            default -> Map.of("artifactId", args.get("artifactId"), "from", 1, "to", 1);
        };
    }
}
