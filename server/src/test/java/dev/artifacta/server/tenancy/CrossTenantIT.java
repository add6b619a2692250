package dev.artifacta.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant A must never reach tenant B's data. This covers every {@code /v1} endpoint that takes an id
 * or lists data: {@code GET} and {@code DELETE /v1/api-keys/{id}}, {@code GET /v1/api-keys},
 * {@code GET /v1/audit-events} (with each filter that could name B's keys), the audit export
 * ({@code GET /v1/audit-events/export}, {@code /checkpoints/{n}}, {@code /signing-key}) and
 * {@code GET /v1/whoami}.
 * Signup has no tenant yet, and the admin API is cross-tenant by design, behind the admin token.
 */
@MicronautTest(transactional = false)
class CrossTenantIT extends ApiTest {

    private static final String SHARED_NAME = "Deploy bot";
    private static final String SHARED_SCOPES = "[\"agents:manage\",\"audit:read\"]";

    /** A tenant as the tests see it: its owner key, a key named alike in both tenants, and all key ids. */
    private record Side(
            Tenant tenant,
            String deployKey,
            String deployKeyId,
            Set<String> keyIds,
            String defaultProjectId,
            String oauthClientId) {

        Set<String> resourceIds() {
            var ids = new HashSet<>(keyIds);
            ids.add(oauthClientId);
            ids.add(tenant.id());
            ids.add(defaultProjectId);
            return ids;
        }
    }

    private Side a;
    private Side b;

    @BeforeAll
    void twoTenantsWithKeysNamedAlike() {
        a = tenant("tenant-a");
        b = tenant("tenant-b");
        ApiResponse planChange =
                api.put("/admin/v1/tenants/" + b.tenant().id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        assertThat(planChange.status()).isEqualTo(200);
    }

    @Test
    void givenAnotherTenantsKeyIds_whenReadOrRevoked_thenNotFound_andTheKeysKeepWorking() {
        for (String callerKey : List.of(a.tenant().key(), a.deployKey())) {
            for (String foreignId : b.keyIds()) {
                ApiResponse read = api.get("/v1/api-keys/" + foreignId, callerKey);
                ApiResponse revoke = api.delete("/v1/api-keys/" + foreignId, callerKey);

                for (ApiResponse response : List.of(read, revoke)) {
                    assertThat(response.status()).as(foreignId).isEqualTo(404);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.body())
                            .doesNotContain(b.tenant().id())
                            .doesNotContain(b.tenant().name())
                            .doesNotContain(SHARED_NAME);
                }
            }
        }

        for (String key : List.of(b.tenant().key(), b.deployKey())) {
            ApiResponse whoami = api.get("/v1/whoami", key);
            assertThat(whoami.status()).isEqualTo(200);
            assertThat(whoami.json().at("/tenant/id").asText())
                    .isEqualTo(b.tenant().id());
        }
        List<JsonNode> bKeys =
                items(api.get("/v1/api-keys?status=all", b.tenant().key()));
        assertThat(bKeys).extracting(k -> k.get("id").asText()).containsExactlyInAnyOrderElementsOf(b.keyIds());
        assertThat(bKeys).allSatisfy(k -> assertThat(k.get("status").asText()).isEqualTo("active"));
        assertThat(items(api.get(
                        "/v1/audit-events?action=api_key.revoked", b.tenant().key())))
                .isEmpty();
        assertThat(items(api.get(
                        "/v1/audit-events?action=api_key.revoked", a.tenant().key())))
                .isEmpty();
    }

    @Test
    void givenAnotherTenantsOAuthClient_whenReadRotatedOrDisabled_thenTheSameAnswerAsAnIdThatExistsNowhere() {
        String foreignId = b.oauthClientId();
        String unknownId = UUID.randomUUID().toString();

        for (String suffix : List.of("", "/rotate-secret", "/disable")) {
            ApiResponse unknown = suffix.isEmpty()
                    ? api.get("/v1/oauth-clients/" + unknownId, a.tenant().key())
                    : api.post(
                            "/v1/oauth-clients/" + unknownId + suffix,
                            a.tenant().key(),
                            "");
            ApiResponse foreign = suffix.isEmpty()
                    ? api.get("/v1/oauth-clients/" + foreignId, a.tenant().key())
                    : api.post(
                            "/v1/oauth-clients/" + foreignId + suffix,
                            a.tenant().key(),
                            "");

            assertThat(foreign.status()).as(suffix).isEqualTo(404);
            assertThat(problemShape(foreign)).as(suffix).isEqualTo(problemShape(unknown));
            assertThat(foreign.body()).doesNotContain(b.tenant().name()).doesNotContain(SHARED_NAME);
        }
        assertThat(items(api.get("/v1/oauth-clients", a.tenant().key())))
                .extracting(c -> c.get("clientId").asText())
                .containsExactly(a.oauthClientId());
        JsonNode still =
                api.get("/v1/oauth-clients/" + foreignId, b.tenant().key()).json();
        assertThat(still.get("status").asText()).isEqualTo("active");
        assertThat(still.get("updatedAt").asText())
                .isEqualTo(still.get("createdAt").asText());
    }

    @Test
    void anotherTenantsKeyIdGetsTheSameAnswerAsAnIdThatExistsNowhere() {
        // Otherwise the answer is an oracle: A learns which ids are B's keys.
        for (String method : List.of("GET", "DELETE")) {
            ApiResponse unknown =
                    call(method, "/v1/api-keys/" + UUID.randomUUID(), a.tenant().key());

            for (String foreignId : b.keyIds()) {
                ApiResponse foreign =
                        call(method, "/v1/api-keys/" + foreignId, a.tenant().key());

                assertThat(problemShape(foreign)).as(method + " " + foreignId).isEqualTo(problemShape(unknown));
            }
        }
    }

    @Test
    void givenATenantId_whenUsedAsAKeyId_thenTheSameAnswerAsAnIdThatExistsNowhere() {
        // Tenants and keys share one event store: a tenant's id must not reach the key aggregate,
        // or the answer tells A which ids are tenants.
        for (String method : List.of("GET", "DELETE")) {
            ApiResponse unknown =
                    call(method, "/v1/api-keys/" + UUID.randomUUID(), a.tenant().key());

            for (String tenantId : List.of(b.tenant().id(), a.tenant().id())) {
                ApiResponse response =
                        call(method, "/v1/api-keys/" + tenantId, a.tenant().key());

                assertThat(response.status())
                        .as(method + " " + tenantId + ": " + response.body())
                        .isEqualTo(404);
                assertThat(problemShape(response)).as(method + " " + tenantId).isEqualTo(problemShape(unknown));
            }
        }
        assertThat(api.get("/v1/whoami", b.tenant().key()).status()).isEqualTo(200);
    }

    @Test
    void listingKeysShowsOnlyTheCallersTenant() {
        for (String status : List.of("", "?status=active", "?status=all", "?status=revoked", "?status=expired")) {
            for (String callerKey : List.of(a.tenant().key(), a.deployKey())) {
                List<String> listed = items(api.get("/v1/api-keys" + status, callerKey)).stream()
                        .map(k -> k.get("id").asText())
                        .toList();

                assertThat(listed).as(status).doesNotContainAnyElementsOf(b.keyIds());
                if (status.isEmpty() || status.endsWith("active") || status.endsWith("all")) {
                    assertThat(listed).as(status).containsExactlyInAnyOrderElementsOf(a.keyIds());
                }
            }
        }
    }

    @Test
    void auditShowsOnlyTheCallersTenant_whateverTheFilterNames() {
        record Query(String query, boolean expectsEntries) {}
        List<Query> queries = List.of(
                new Query("", true),
                new Query("?limit=200", true),
                new Query("?from=1970-01-01T00:00:00Z", true),
                new Query("?action=api_key.", true),
                new Query("?action=tenant.", true),
                new Query("?action=tenant.plan_changed", false),
                new Query("?keyName=Deploy%20bot", true),
                new Query("?keyName=Default%20key", true),
                new Query("?keyId=" + b.deployKeyId(), false),
                new Query("?keyId=" + b.tenant().keyId(), false),
                new Query("?keyId=" + b.deployKeyId() + "&keyName=Deploy%20bot", false));

        for (Query q : queries) {
            for (String callerKey : List.of(a.tenant().key(), a.deployKey())) {
                List<JsonNode> entries = items(api.get("/v1/audit-events" + q.query(), callerKey));

                assertThat(entries.isEmpty()).as(q.query()).isEqualTo(!q.expectsEntries());
                assertOnlyOwnEntries(entries, a, q.query());
            }
        }
        List<JsonNode> byDeployBot = items(
                api.get("/v1/audit-events?keyName=Deploy%20bot", a.tenant().key()));
        assertThat(byDeployBot)
                .allSatisfy(e -> assertThat(e.at("/actor/keyId").asText()).isEqualTo(a.deployKeyId()));
    }

    @Test
    void noneOfTheOtherTenantsEventsEverAppearInTheAudit_evenWithItsCursor() {
        List<JsonNode> bEntries = walk("", b.tenant().key());
        List<JsonNode> aEntries = walk("", a.tenant().key());

        assertThat(bEntries).isNotEmpty();
        assertThat(aEntries)
                .extracting(e -> e.get("id").asText())
                .doesNotContainAnyElementsOf(
                        bEntries.stream().map(e -> e.get("id").asText()).toList());
        assertOnlyOwnEntries(aEntries, a, "all of A's pages");
        assertOnlyOwnEntries(bEntries, b, "all of B's pages");

        // A cursor is only a position in the global stream: a cursor from B's pages still shows A only A.
        String bCursor = api.get("/v1/audit-events?limit=1", b.tenant().key())
                .json()
                .get("nextCursor")
                .asText();
        List<JsonNode> withBsCursor =
                items(api.get("/v1/audit-events?cursor=" + bCursor, a.tenant().key()));
        assertOnlyOwnEntries(withBsCursor, a, "A's page with B's cursor");
    }

    @Test
    void theAuditExportAndItsCheckpointsShowOnlyTheCallersTenant() throws Exception {
        // A issues three checkpoints, B one: A's numbers 2 and 3 exist, but not for B.
        List<Long> aNumbers = new ArrayList<>();
        for (String key : List.of(a.tenant().key(), a.deployKey(), a.tenant().key())) {
            ApiResponse export = api.get("/v1/audit-events/export", key);
            assertThat(export.status()).as(export.body()).isEqualTo(200);
            aNumbers.add(Long.parseLong(export.header("Artifacta-Checkpoint")));
            assertOnlyOwnExportLines(export.body(), a, "A's JSONL export");
        }
        ApiResponse bExport = api.get("/v1/audit-events/export?from=1970-01-01T00:00:00Z", b.deployKey());
        assertThat(bExport.status()).isEqualTo(200);
        assertOnlyOwnExportLines(bExport.body(), b, "B's JSONL export");
        long bNumber = Long.parseLong(bExport.header("Artifacta-Checkpoint"));
        ApiResponse bCsv =
                api.get("/v1/audit-events/export?format=csv", b.tenant().key());
        assertThat(bCsv.status()).isEqualTo(200);
        assertThat(bCsv.body())
                .contains(b.tenant().id())
                .doesNotContain(a.tenant().id())
                .doesNotContain(a.tenant().name())
                .doesNotContain(a.tenant().keyId())
                .doesNotContain(a.deployKeyId());

        ApiResponse nowhere =
                api.get("/v1/audit-events/checkpoints/999999", b.tenant().key());
        for (long number : aNumbers) {
            if (number <= bNumber + 1) {
                continue; // B has issued a checkpoint of that number itself
            }
            for (String key : List.of(b.tenant().key(), b.deployKey())) {
                ApiResponse foreign = api.get("/v1/audit-events/checkpoints/" + number, key);
                assertThat(foreign.status()).as("A's checkpoint " + number).isEqualTo(404);
                assertThat(problemShape(foreign).replace("'" + number + "'", "'<n>'"))
                        .isEqualTo(problemShape(nowhere).replace("'999999'", "'<n>'"));
                assertThat(foreign.body()).doesNotContain(a.tenant().id());
            }
        }
        for (long number = 1; number <= bNumber + 1; number++) {
            ApiResponse own =
                    api.get("/v1/audit-events/checkpoints/" + number, b.tenant().key());
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.json().get("tenantId").asText()).isEqualTo(b.tenant().id());
        }
        ApiResponse aLatest = api.get(
                "/v1/audit-events/checkpoints/" + aNumbers.getLast(), a.tenant().key());
        assertThat(aLatest.json().get("tenantId").asText()).isEqualTo(a.tenant().id());

        // One server key signs for every tenant: it is not tenant data, and both see the same.
        assertThat(api.get("/v1/audit-events/signing-key", a.tenant().key()).json())
                .isEqualTo(api.get("/v1/audit-events/signing-key", b.tenant().key())
                        .json());
    }

    @Test
    void whoamiShowsTheCallersOwnTenantAndKey() {
        record Caller(String key, String keyId, String keyName, Side side, String plan) {}
        List<Caller> callers = List.of(
                new Caller(a.tenant().key(), a.tenant().keyId(), "Default key", a, "free"),
                new Caller(a.deployKey(), a.deployKeyId(), SHARED_NAME, a, "free"),
                new Caller(b.deployKey(), b.deployKeyId(), SHARED_NAME, b, "pro"));

        for (Caller c : callers) {
            JsonNode whoami = api.get("/v1/whoami", c.key()).json();

            assertThat(whoami.at("/tenant/id").asText())
                    .isEqualTo(c.side().tenant().id());
            assertThat(whoami.at("/tenant/name").asText())
                    .isEqualTo(c.side().tenant().name());
            assertThat(whoami.at("/tenant/plan").asText()).isEqualTo(c.plan());
            assertThat(whoami.at("/key/id").asText()).isEqualTo(c.keyId());
            assertThat(whoami.at("/key/name").asText()).isEqualTo(c.keyName());
        }
    }

    private Side tenant(String prefix) {
        Tenant tenant = api.signUp(prefix);
        JsonNode deploy =
                api.createKey(tenant.key(), "{\"name\":\"" + SHARED_NAME + "\",\"scopes\":" + SHARED_SCOPES + "}");
        String worker = api.createKey(deploy.get("key").asText(), "{\"name\":\"worker\",\"scopes\":[\"audit:read\"]}")
                .get("id")
                .asText();
        return new Side(
                tenant,
                deploy.get("key").asText(),
                deploy.get("id").asText(),
                Set.of(tenant.keyId(), deploy.get("id").asText(), worker),
                api.get("/v1/projects", tenant.key()).json().at("/items/0/id").asText(),
                api.post(
                                "/v1/oauth-clients",
                                tenant.key(),
                                "{\"name\":\"" + SHARED_NAME + "\",\"scopes\":[\"audit:read\"]}")
                        .json()
                        .get("clientId")
                        .asText());
    }

    /** Every entry of a tenant is about that tenant or its keys, and made by nobody or its own keys. */
    private void assertOnlyOwnEntries(List<JsonNode> entries, Side own, String description) {
        Side other = own == a ? b : a;
        for (JsonNode entry : entries) {
            assertThat(own.resourceIds())
                    .as(description)
                    .contains(entry.at("/resource/id").asText());
            JsonNode actorKey = entry.at("/actor/keyId");
            if (!actorKey.isNull()) {
                assertThat(own.keyIds()).as(description).contains(actorKey.asText());
            }
            assertThat(entry.toString())
                    .as(description)
                    .doesNotContain(other.tenant().id())
                    .doesNotContain(other.tenant().name());
        }
    }

    /** Every entry line of a JSON Lines export belongs to the tenant, like its audit entries. */
    private void assertOnlyOwnExportLines(String body, Side own, String description) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<JsonNode> entries = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = mapper.readTree(line);
            if (node.has("checkpoint")) {
                assertThat(node.at("/checkpoint/tenantId").asText())
                        .as(description)
                        .isEqualTo(own.tenant().id());
                continue;
            }
            assertThat(node.get("tenantId").asText())
                    .as(description)
                    .isEqualTo(own.tenant().id());
            ObjectNode entry = (ObjectNode) node;
            if (!entry.path("actor").has("keyId")) {
                ((ObjectNode) entry.get("actor")).putNull("keyId");
            }
            entries.add(entry);
        }
        assertThat(entries).as(description).isNotEmpty();
        assertOnlyOwnEntries(entries, own, description);
    }

    private ApiResponse call(String method, String path, String key) {
        return "GET".equals(method) ? api.get(path, key) : api.delete(path, key);
    }

    /** A problem with the ids it names blanked out: what a caller can tell apart. */
    private static String problemShape(ApiResponse response) {
        JsonNode problem = response.json();
        String detail = problem.path("detail")
                .asText()
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
        return response.status() + " " + problem.path("type").asText() + " "
                + problem.path("title").asText() + " " + detail;
    }

    private List<JsonNode> walk(String query, String key) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String sep = query.isEmpty() ? "?" : query + "&";
            ApiResponse page =
                    api.get("/v1/audit-events" + sep + "limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key);
            all.addAll(items(page));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null);
        return all;
    }

    private static List<JsonNode> items(ApiResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("items").spliterator(), false)
                .toList();
    }
}
