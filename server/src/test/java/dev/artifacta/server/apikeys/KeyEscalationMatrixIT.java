package dev.artifacta.server.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nobody manages a credential above themselves, walked as a whole matrix over HTTP: acting
 * principal × target credential × action. Every cell uses a fresh target key, and after every
 * refusal the target still authenticates (a refused revoke revoked nothing).
 */
@MicronautTest(transactional = false)
class KeyEscalationMatrixIT extends ApiTest {

    private static final String ALL_SCOPES = "\"artifacts:read\",\"artifacts:create\",\"artifacts:update\","
            + "\"artifacts:delete\",\"artifacts:share\",\"artifacts:access:read\",\"artifacts:access:write\","
            + "\"agents:manage\",\"audit:read\"";

    /** Existing keys: acting principal, target, then the status of GET, PATCH (rename), DELETE (revoke). */
    private static final List<String> EXISTING = List.of(
            "owner-full      owner-key     200 200 200",
            "owner-full      agent-a-key   200 200 200",
            "owner-full      agent-b-key   200 200 200",
            "owner-full      other-tenant  404 404 404",
            "owner-manager   owner-key     200 403 403",
            "owner-manager   agent-a-key   200 403 403",
            "owner-manager   agent-b-key   200 403 403",
            "owner-manager   other-tenant  404 404 404",
            "agent-a-manager owner-key     404 404 404",
            "agent-a-manager agent-a-key   200 200 200",
            "agent-a-manager agent-b-key   404 404 404",
            "agent-a-manager other-tenant  404 404 404",
            "agent-a-plain   owner-key     403 403 403",
            "agent-a-plain   agent-a-key   403 403 403",
            "agent-a-plain   agent-b-key   403 403 403",
            "agent-a-plain   other-tenant  403 403 403",
            "agent-b-manager owner-key     404 404 404",
            "agent-b-manager agent-a-key   404 404 404",
            "agent-b-manager agent-b-key   200 200 200",
            "agent-b-manager other-tenant  404 404 404");

    /** New keys (scopes: agents:manage): acting principal, identity of the new key, status. */
    private static final List<String> CREATE = List.of(
            "owner-full      user     201",
            "owner-full      agent-a  201",
            "owner-manager   user     201",
            "owner-manager   agent-b  201",
            "agent-a-manager user     403",
            "agent-a-manager agent-a  201",
            "agent-a-manager agent-b  403",
            "agent-a-plain   agent-a  403",
            "agent-b-manager agent-a  403",
            "agent-b-manager agent-b  201");

    private Tenant tenant;
    private Tenant other;
    private String agentA;
    private String agentB;
    private final Map<String, String> actors = new LinkedHashMap<>();

    @BeforeAll
    void givenATenantWithTwoAgentsAndKeysOfEveryKind() {
        tenant = api.signUp("matrix");
        other = api.signUp("matrix-other");
        // Enough active keys for a fresh target per cell.
        for (Tenant each : List.of(tenant, other)) {
            assertThat(api.send(HttpRequest.PUT("/admin/v1/tenants/" + each.id() + "/plan", "{\"plan\":\"team\"}")
                                    .bearerAuth(ADMIN_TOKEN))
                            .status())
                    .isEqualTo(200);
        }
        agentA = api.post("/v1/agents", tenant.key(), "{\"name\":\"agent-a\"}")
                .json()
                .get("id")
                .asText();
        agentB = api.post("/v1/agents", tenant.key(), "{\"name\":\"agent-b\"}")
                .json()
                .get("id")
                .asText();
        actors.put("owner-full", tenant.key());
        actors.put("owner-manager", newKey(tenant.key(), "user", "\"agents:manage\""));
        actors.put("agent-a-manager", newKey(tenant.key(), "agent-a", "\"agents:manage\",\"artifacts:read\""));
        actors.put("agent-a-plain", newKey(tenant.key(), "agent-a", "\"artifacts:read\""));
        actors.put("agent-b-manager", newKey(tenant.key(), "agent-b", "\"agents:manage\",\"artifacts:read\""));
    }

    @Test
    void everyActingPrincipalReachesExactlyTheKeysWithinItsAuthority() {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (String row : EXISTING) {
            String[] cell = row.trim().split("\\s+");
            String actor = actors.get(cell[0]);
            String[] actions = {"GET", "PATCH", "DELETE"};
            for (int i = 0; i < actions.length; i++) {
                cells++;
                Target target = target(cell[1]);
                ApiResponse response =
                        switch (actions[i]) {
                            case "GET" -> api.get("/v1/api-keys/" + target.id(), actor);
                            case "PATCH" ->
                                api.patch(
                                        "/v1/api-keys/" + target.id(),
                                        actor,
                                        "{\"name\":\"renamed-" + System.nanoTime() + "\"}");
                            default -> api.delete("/v1/api-keys/" + target.id(), actor);
                        };
                int expected = Integer.parseInt(cell[2 + i]);
                if (response.status() != expected) {
                    mismatches.add(row + " " + actions[i] + " → " + response.status() + " " + response.body());
                }
                if (expected >= 400 && api.get("/v1/whoami", target.key()).status() != 200) {
                    mismatches.add(row + " " + actions[i] + ": the refused target no longer authenticates");
                }
                if (expected == 403 && !cell[0].equals("agent-a-plain")) {
                    String type = response.json().get("type").asText();
                    if (!type.endsWith("/identity-escalation") && !type.endsWith("/scope-escalation")) {
                        mismatches.add(row + " " + actions[i] + ": refused as " + type);
                    }
                }
            }
        }
        assertThat(cells).isEqualTo(60);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyActingPrincipalCreatesKeysOnlyForIdentitiesWithinItsAuthority() {
        List<String> mismatches = new ArrayList<>();
        for (String row : CREATE) {
            String[] cell = row.trim().split("\\s+");
            ApiResponse response = api.post(
                    "/v1/api-keys",
                    actors.get(cell[0]),
                    "{\"name\":\"new-" + System.nanoTime() + "\",\"scopes\":[\"agents:manage\"],\"identity\":"
                            + identity(cell[1]) + "}");
            int expected = Integer.parseInt(cell[2]);
            if (response.status() != expected) {
                mismatches.add(row + " → " + response.status() + " " + response.body());
            } else if (expected == 403
                    && !cell[0].equals("agent-a-plain")
                    && !response.json().get("type").asText().endsWith("/identity-escalation")) {
                mismatches.add(
                        row + ": refused as " + response.json().get("type").asText());
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theReportedEscalation_anAgentKeyRenamingAndRevokingTheOwnersKey_isRefusedAndAudited() {
        String agentManager = actors.get("agent-a-manager");

        assertThat(api.patch("/v1/api-keys/" + tenant.keyId(), agentManager, "{\"name\":\"pwned\"}")
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/v1/api-keys/" + tenant.keyId(), agentManager).status())
                .isEqualTo(404);

        assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);
        assertThat(api.get("/v1/api-keys/" + tenant.keyId(), tenant.key())
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("active");
        JsonNode listed = api.get("/v1/api-keys", agentManager).json().get("items");
        assertThat(listed)
                .allSatisfy(
                        key -> assertThat(key.at("/identity/agentId").asText()).isEqualTo(agentA));
    }

    private record Target(String id, String key) {}

    private Target target(String kind) {
        return switch (kind) {
            case "owner-key" -> keyOf(newKeyJson(tenant.key(), "user", ALL_SCOPES));
            case "agent-a-key" -> keyOf(newKeyJson(tenant.key(), "agent-a", "\"artifacts:read\""));
            case "agent-b-key" -> keyOf(newKeyJson(tenant.key(), "agent-b", "\"artifacts:read\""));
            case "other-tenant" -> keyOf(newKeyJson(other.key(), "user", "\"artifacts:read\""));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Target keyOf(JsonNode created) {
        return new Target(created.get("id").asText(), created.get("key").asText());
    }

    private String newKey(String callerKey, String identity, String scopes) {
        return newKeyJson(callerKey, identity, scopes).get("key").asText();
    }

    private JsonNode newKeyJson(String callerKey, String identity, String scopes) {
        return api.createKey(
                callerKey,
                "{\"name\":\"k-" + System.nanoTime() + "\",\"scopes\":[" + scopes + "],\"identity\":"
                        + identity(identity) + "}");
    }

    private String identity(String kind) {
        return switch (kind) {
            case "user" -> "{\"type\":\"user\"}";
            case "agent-a" -> "{\"type\":\"agent\",\"agentId\":\"" + agentA + "\"}";
            case "agent-b" -> "{\"type\":\"agent\",\"agentId\":\"" + agentB + "\"}";
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
