package dev.artifacta.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.events.AccessDenied;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A request made with a valid key and refused (scope, role, plan, another tenant's resource) is
 * recorded as {@code access.denied} in the caller's own trail, and nowhere else; an invalid key is
 * only counted in metrics; an allowed request records no refusal.
 */
@MicronautTest(transactional = false)
class AccessDeniedIT extends ApiTest {

    private static final String DENIED = "access.denied";

    @Inject
    DataSource dataSource;

    @Test
    void aKeyWithoutArtifactsCreate_postingAnArtifact_isRecordedAsAScopeRefusal() {
        Tenant tenant = api.signUp("scope-create");
        JsonNode reader = api.createKey(tenant.key(), "{\"name\":\"Reader bot\",\"scopes\":[\"artifacts:read\"]}");

        ApiResponse refused =
                api.post("/v1/artifacts", reader.get("key").asText(), "{\"title\":\"nope\",\"content\":\"x\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("requiredScope").asText()).isEqualTo("artifacts:create");
        JsonNode entry = awaitSingleDenial(tenant.key(), reader.get("id").asText());
        assertDenial(entry, reader, "POST /v1/artifacts", "scope", "insufficient-scope", "tenant", tenant.id());
    }

    @Test
    void aKeyWithoutAgentsManage_listingKeys_isRecordedAsAScopeRefusal() {
        Tenant tenant = api.signUp("scope-keys");
        JsonNode auditor = api.createKey(tenant.key(), "{\"name\":\"Auditor\",\"scopes\":[\"audit:read\"]}");

        ApiResponse refused = api.get("/v1/api-keys", auditor.get("key").asText());

        assertThat(refused.status()).isEqualTo(403);
        JsonNode entry = awaitSingleDenial(tenant.key(), auditor.get("id").asText());
        assertDenial(entry, auditor, "GET /v1/api-keys", "scope", "insufficient-scope", "tenant", tenant.id());
        assertThat(entry.at("/actor/type").asText()).isEqualTo("api_key");
    }

    @Test
    void aKeyWithoutAuditRead_exportingTheTrail_isRecordedAsAScopeRefusal() {
        Tenant tenant = api.signUp("scope-export");
        JsonNode reader = api.createKey(tenant.key(), "{\"name\":\"Exporter\",\"scopes\":[\"artifacts:read\"]}");

        ApiResponse refused =
                api.get("/v1/audit-events/export?format=csv", reader.get("key").asText());

        assertThat(refused.status()).isEqualTo(403);
        JsonNode entry = awaitSingleDenial(tenant.key(), reader.get("id").asText());
        assertDenial(
                entry, reader, "GET /v1/audit-events/export", "scope", "insufficient-scope", "tenant", tenant.id());
    }

    @Test
    void scopeEscalation_isRecordedAsAScopeRefusal() {
        Tenant tenant = api.signUp("escalate");
        JsonNode manager = api.createKey(tenant.key(), "{\"name\":\"Manager\",\"scopes\":[\"agents:manage\"]}");

        ApiResponse refused = api.post(
                "/v1/api-keys",
                manager.get("key").asText(),
                "{\"name\":\"wider\",\"scopes\":[\"agents:manage\",\"audit:read\"]}");

        assertThat(refused.status()).isEqualTo(403);
        JsonNode entry = awaitSingleDenial(tenant.key(), manager.get("id").asText());
        assertDenial(entry, manager, "POST /v1/api-keys", "scope", "scope-escalation", "tenant", tenant.id());
    }

    @Test
    void anAgentKey_deletingAnArtifact_isRecordedAsARoleRefusal() {
        Tenant tenant = api.signUp("role");
        String artifact = createArtifact(tenant.key(), "Keep me");
        JsonNode agent = api.createKey(
                tenant.key(),
                "{\"name\":\"Release bot\",\"scopes\":[\"artifacts:read\",\"artifacts:delete\"],"
                        + "\"identity\":{\"type\":\"agent\",\"name\":\"release-bot\"}}");

        ApiResponse refused =
                api.delete("/v1/artifacts/" + artifact, agent.get("key").asText());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("/insufficient-role");
        JsonNode entry = awaitSingleDenial(tenant.key(), agent.get("id").asText());
        assertDenial(entry, agent, "DELETE /v1/artifacts/{id}", "role", "insufficient-role", "artifact", artifact);
        assertThat(entry.at("/actor/type").asText()).isEqualTo("agent");
        assertThat(entry.at("/actor/identity/name").asText()).isEqualTo("release-bot");
        assertThat(api.get("/v1/artifacts/" + artifact, tenant.key()).status()).isEqualTo(200);
    }

    @Test
    void anAgentKey_creatingAnOwnerKey_isRecordedAsAnIdentityRefusal() {
        Tenant tenant = api.signUp("identity");
        JsonNode agent = api.createKey(
                tenant.key(),
                "{\"name\":\"Key bot\",\"scopes\":[\"agents:manage\"],"
                        + "\"identity\":{\"type\":\"agent\",\"name\":\"key-bot\"}}");

        ApiResponse refused = api.post(
                "/v1/api-keys",
                agent.get("key").asText(),
                "{\"name\":\"as owner\",\"scopes\":[\"agents:manage\"],\"identity\":{\"type\":\"user\"}}");

        assertThat(refused.status()).isEqualTo(403);
        JsonNode entry = awaitSingleDenial(tenant.key(), agent.get("id").asText());
        assertDenial(entry, agent, "POST /v1/api-keys", "identity", "identity-escalation", "tenant", tenant.id());
    }

    @Test
    void aFreeTenant_creatingAShareLink_isRecordedAsAPlanRefusal() {
        Tenant tenant = api.signUp("plan");
        String artifact = createArtifact(tenant.key(), "Shareable");
        JsonNode sharer = api.createKey(
                tenant.key(), "{\"name\":\"Sharer\",\"scopes\":[\"artifacts:read\",\"artifacts:share\"]}");

        ApiResponse refused = api.post(
                "/v1/artifacts/" + artifact + "/share-links", sharer.get("key").asText(), "{\"role\":\"viewer\"}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("/plan-upgrade-required");
        JsonNode entry = awaitSingleDenial(tenant.key(), sharer.get("id").asText());
        assertDenial(
                entry,
                sharer,
                "POST /v1/artifacts/{id}/share-links",
                "plan",
                "plan-upgrade-required",
                "artifact",
                artifact);
    }

    @Test
    void aKeyProbingAnotherTenantsArtifact_is404_asForAnIdThatDoesNotExist_andRecordsNothingAnywhere() {
        Tenant a = api.signUp("reader-a");
        Tenant b = api.signUp("owner-b");
        String bArtifact = createArtifact(b.key(), "B's plan");
        JsonNode aKey = api.createKey(a.key(), "{\"name\":\"Curious\",\"scopes\":[\"artifacts:read\"]}");
        Tables tables = new Tables(dataSource);
        settleAuditView(a);
        settleAuditView(b);
        long eventsBefore = deniedEventCount(tables);

        ApiResponse real = api.get("/v1/artifacts/" + bArtifact, aKey.get("key").asText());
        ApiResponse random =
                api.get("/v1/artifacts/" + UUID.randomUUID(), aKey.get("key").asText());

        assertThat(real.status()).isEqualTo(404);
        assertThat(real.body()).doesNotContain(b.id()).doesNotContain(b.name());
        // A refusal recorded for real ids only would tell the prober which ids exist (in its own
        // audit trail), and append a permanent event per probe: neither id leaves a trace.
        assertThat(real.json().get("type").asText())
                .isEqualTo(random.json().get("type").asText());
        settleAuditView(a);
        assertThat(deniedEventCount(tables)).isEqualTo(eventsBefore);
        assertThat(entries(a.key(), "").stream().map(e -> e.get("action").asText()))
                .doesNotContain(DENIED);
        assertThat(entries(b.key(), "").stream().map(e -> e.get("action").asText()))
                .doesNotContain(DENIED);
    }

    private static long deniedEventCount(Tables tables) {
        return ((Number) tables.rows("SELECT COUNT(*) AS n FROM domain_event_entry WHERE payload_type = '"
                                + AccessDenied.class.getName() + "'")
                        .get(0)
                        .get("n"))
                .longValue();
    }

    @Test
    void anInvalidKey_isCountedInMetrics_butRecordsNoAuditEntry() {
        Tenant tenant = api.signUp("invalid");
        Tables tables = new Tables(dataSource);
        settleAuditView(tenant);
        long rowsBefore = auditRows(tables);
        Map<String, Double> before = authFailures();

        String unknown = "ak_live_" + "Z".repeat(32);
        assertThat(api.get("/v1/api-keys", unknown).status()).isEqualTo(401);
        assertThat(api.post("/v1/artifacts", unknown, "{\"title\":\"x\",\"content\":\"x\"}")
                        .status())
                .isEqualTo(401);
        assertThat(api.send(HttpRequest.GET("/v1/audit-events").header("X-API-Key", "not-a-key"))
                        .status())
                .isEqualTo(401);

        settleAuditView(tenant);
        Map<String, Double> after = authFailures();
        assertThat(after.getOrDefault("unknown", 0.0) - before.getOrDefault("unknown", 0.0))
                .isEqualTo(2.0);
        assertThat(after.getOrDefault("malformed", 0.0) - before.getOrDefault("malformed", 0.0))
                .isEqualTo(1.0);
        // Only the settling key creation was recorded; no refusal of an invalid key.
        assertThat(auditRows(tables)).isEqualTo(rowsBefore + 1);
        assertThat(tables.rows("SELECT 1 FROM audit_log WHERE action = 'access.denied'" + " AND tenant_id = '"
                        + tenant.id() + "'"))
                .isEmpty();
    }

    @Test
    void anAllowedRequest_recordsNoRefusal() {
        Tenant tenant = api.signUp("allowed");
        JsonNode writer = api.createKey(
                tenant.key(), "{\"name\":\"Writer\",\"scopes\":[\"artifacts:read\",\"artifacts:create\"]}");

        String artifact = createArtifact(writer.get("key").asText(), "Allowed");
        assertThat(api.get("/v1/artifacts/" + artifact, writer.get("key").asText())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/api-keys", tenant.key()).status()).isEqualTo(200);

        settleAuditView(tenant);
        assertThat(entries(tenant.key(), "?action=" + DENIED)).isEmpty();
        assertThat(entries(tenant.key(), "?action=artifact.created"))
                .extracting(e -> e.at("/resource/id").asText())
                .containsExactly(artifact);
    }

    // --- helpers ---

    private static void assertDenial(
            JsonNode entry,
            JsonNode key,
            String operation,
            String reason,
            String problem,
            String resourceType,
            String resourceId) {
        assertThat(entry.get("action").asText()).isEqualTo(DENIED);
        assertThat(entry.at("/actor/keyId").asText()).isEqualTo(key.get("id").asText());
        assertThat(entry.at("/actor/keyName").asText())
                .isEqualTo(key.get("name").asText());
        assertThat(entry.at("/details/operation").asText()).as("operation").isEqualTo(operation);
        assertThat(entry.at("/details/reason").asText()).as("reason").isEqualTo(reason);
        assertThat(entry.at("/details/problem").asText()).as("problem").isEqualTo(problem);
        assertThat(entry.at("/resource/type").asText()).as("resource type").isEqualTo(resourceType);
        assertThat(entry.at("/resource/id").asText()).as("resource id").isEqualTo(resourceId);
        assertThat(entry.at("/request/clientAddress").asText()).isNotBlank();
        assertThat(entry.toString()).doesNotContainPattern("ak_live_[A-Za-z0-9]{32}");
    }

    /** The refusal is published without waiting for the audit view: poll for it. */
    private JsonNode awaitSingleDenial(String ownerKey, String keyId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<JsonNode> denials = List.of();
        while (System.nanoTime() < deadline) {
            denials = entries(ownerKey, "?action=" + DENIED + "&keyId=" + keyId);
            if (!denials.isEmpty()) {
                break;
            }
            sleep(100);
        }
        assertThat(denials).as("access.denied entries of key " + keyId).hasSize(1);
        return denials.getFirst();
    }

    /** A write that waits for the audit view, so every event published before it is projected. */
    private void settleAuditView(Tenant tenant) {
        api.createKey(tenant.key(), "{\"name\":\"settle-" + System.nanoTime() + "\",\"scopes\":[\"artifacts:read\"]}");
    }

    private List<JsonNode> entries(String key, String query) {
        ApiResponse response = api.get("/v1/audit-events" + query + (query.isEmpty() ? "?" : "&") + "limit=200", key);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new ArrayList<>(StreamSupport.stream(response.json().get("items").spliterator(), false)
                .toList());
    }

    private String createArtifact(String key, String title) {
        ApiResponse created = api.post("/v1/artifacts", key, "{\"title\":\"" + title + "\",\"content\":\"v1\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static long auditRows(Tables tables) {
        return ((Number) tables.rows("SELECT COUNT(*) AS n FROM audit_log")
                        .getFirst()
                        .get("n"))
                .longValue();
    }

    private Map<String, Double> authFailures() {
        ApiResponse scrape = api.get("/metrics", null);
        assertThat(scrape.status()).isEqualTo(200);
        Pattern line = Pattern.compile(
                "(?m)^artifacta_auth_failures_total\\{[^}]*reason=\"([a-z]+)\"[^}]*}\\s+([0-9.eE+-]+)$");
        Map<String, Double> counts = new LinkedHashMap<>();
        Matcher matcher = line.matcher(scrape.body());
        while (matcher.find()) {
            counts.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return counts;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
