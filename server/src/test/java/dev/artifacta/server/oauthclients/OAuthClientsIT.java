package dev.artifacta.server.oauthclients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** OAuth clients: registration bounded by the creator's scopes, a secret shown once, rotation, disabling. */
@MicronautTest(transactional = false)
class OAuthClientsIT extends ApiTest {

    @Inject
    DataSource dataSource;

    private JsonNode register(String key, String json) {
        ApiResponse created = api.post("/v1/oauth-clients", key, json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    @Test
    void givenOwner_whenAClientIsRegistered_thenItsSecretIsShownOnce_andStoredOnlyAsAHash() {
        Tenant tenant = api.signUp("oauth-register");

        ApiResponse created = api.post(
                "/v1/oauth-clients", tenant.key(), "{\"name\":\"Claude Desktop\",\"scopes\":[\"artifacts:read\"]}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode client = created.json();
        String clientId = client.get("clientId").asText();
        String secret = client.get("clientSecret").asText();
        assertThat(created.header("Location")).isEqualTo("/v1/oauth-clients/" + clientId);
        assertThat(secret).matches("cs_live_[A-Za-z0-9]{32}");
        assertThat(client.get("grantTypes").get(0).asText()).isEqualTo("client_credentials");
        assertThat(client.get("confidential").asBoolean()).isTrue();
        assertThat(client.at("/actingFor/name").asText()).isEqualTo("owner@" + tenant.name() + ".example");

        ApiResponse read = api.get("/v1/oauth-clients/" + clientId, tenant.key());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(secret).doesNotContain("clientSecret");
        assertThat(read.json().get("secretPrefix").asText()).isEqualTo(secret.substring(0, 12));
        JsonNode items = api.get("/v1/oauth-clients", tenant.key()).json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.toString()).doesNotContain(secret);
        Tables tables = new Tables(dataSource);
        for (String table : tables.allTables()) {
            for (Map<String, Object> row : tables.rows("SELECT * FROM " + table)) {
                assertThat(row.toString()).as(table).doesNotContain(secret.substring(8));
            }
        }
        JsonNode audit = api.get("/v1/audit-events?action=oauth_client.registered", tenant.key())
                .json()
                .get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).at("/details/name").asText()).isEqualTo("Claude Desktop");
    }

    @Test
    void givenKeyWithoutAScope_whenItRegistersAClientAskingForIt_thenScopeEscalation() {
        Tenant tenant = api.signUp("oauth-escalate");
        String limited = api.createKey(
                        tenant.key(), "{\"name\":\"limited\",\"scopes\":[\"agents:manage\",\"artifacts:read\"]}")
                .get("key")
                .asText();

        ApiResponse refused = api.post(
                "/v1/oauth-clients", limited, "{\"name\":\"greedy\",\"scopes\":[\"artifacts:read\",\"audit:read\"]}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("/scope-escalation");
        assertThat(api.post("/v1/oauth-clients", limited, "{\"name\":\"modest\",\"scopes\":[\"artifacts:read\"]}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void givenKeyActingAsAnAgent_whenRegisteringAClient_thenRefused() {
        Tenant tenant = api.signUp("oauth-agent");
        String agentKey = api.createKey(
                        tenant.key(),
                        "{\"name\":\"bot-key\",\"scopes\":[\"agents:manage\"],\"identity\":{\"type\":\"agent\","
                                + "\"name\":\"bot\"}}")
                .get("key")
                .asText();

        ApiResponse refused =
                api.post("/v1/oauth-clients", agentKey, "{\"name\":\"x\",\"scopes\":[\"agents:manage\"]}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("/identity-escalation");
    }

    @Test
    void givenBadRegistrations_thenEachIsA422WithItsType() {
        Tenant tenant = api.signUp("oauth-invalid");
        Map<String, String> cases = Map.of(
                "{\"name\":\"a\",\"scopes\":[\"nope\"]}",
                "unknown-scope",
                "{\"name\":\"a\",\"scopes\":[\"artifacts:read\"],\"grantTypes\":[\"password\"]}",
                "invalid-grant-types",
                "{\"name\":\"a\",\"scopes\":[\"artifacts:read\"],\"grantTypes\":[\"authorization_code\"]}",
                "invalid-redirect-uris",
                "{\"name\":\"a\",\"scopes\":[\"artifacts:read\"],\"grantTypes\":[\"authorization_code\"],"
                        + "\"redirectUris\":[\"http://evil.example/cb\"]}",
                "invalid-redirect-uris",
                "{\"name\":\"a\",\"scopes\":[\"artifacts:read\"],\"redirectUris\":[\"https://app.example/cb\"]}",
                "invalid-redirect-uris");
        cases.forEach((json, type) -> {
            ApiResponse refused = api.post("/v1/oauth-clients", tenant.key(), json);
            assertThat(refused.status()).as(json + " " + refused.body()).isEqualTo(422);
            assertThat(refused.json().get("type").asText()).as(json).endsWith("/" + type);
        });
        JsonNode interactive = register(
                tenant.key(),
                "{\"name\":\"desktop\",\"scopes\":[\"artifacts:read\"],\"grantTypes\":[\"authorization_code\","
                        + "\"refresh_token\"],\"redirectUris\":[\"http://127.0.0.1:33418/callback\"],"
                        + "\"confidential\":false}");
        assertThat(interactive.get("confidential").asBoolean()).isFalse();
        assertThat(interactive.has("clientSecret")
                        && !interactive.get("clientSecret").isNull())
                .isFalse();
        assertThat(interactive.get("redirectUris").get(0).asText()).isEqualTo("http://127.0.0.1:33418/callback");
    }

    @Test
    void givenClient_whenItsSecretIsRotatedAndItIsDisabled_thenEachIsAuditedWithTheActor() {
        Tenant tenant = api.signUp("oauth-rotate");
        JsonNode client = register(tenant.key(), "{\"name\":\"rotating\",\"scopes\":[\"artifacts:read\"]}");
        String id = client.get("clientId").asText();

        ApiResponse rotated = api.post("/v1/oauth-clients/" + id + "/rotate-secret", tenant.key(), "");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("clientSecret").asText())
                .startsWith("cs_live_")
                .isNotEqualTo(client.get("clientSecret").asText());
        ApiResponse disabled = api.post("/v1/oauth-clients/" + id + "/disable", tenant.key(), "");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");
        assertThat(api.post("/v1/oauth-clients/" + id + "/rotate-secret", tenant.key(), "")
                        .status())
                .isEqualTo(409);
        for (String action : List.of("oauth_client.secret_rotated", "oauth_client.disabled")) {
            JsonNode entries = api.get("/v1/audit-events?action=" + action, tenant.key())
                    .json()
                    .get("items");
            assertThat(entries).as(action).hasSize(1);
            assertThat(entries.get(0).at("/actor/type").asText()).isEqualTo("api_key");
        }
    }

    @Test
    void givenAnotherTenantsClient_thenEveryRouteAnswers404() {
        Tenant owner = api.signUp("oauth-owner");
        Tenant other = api.signUp("oauth-other");
        String id = register(owner.key(), "{\"name\":\"mine\",\"scopes\":[\"artifacts:read\"]}")
                .get("clientId")
                .asText();

        assertThat(api.get("/v1/oauth-clients/" + id, other.key()).status()).isEqualTo(404);
        assertThat(api.post("/v1/oauth-clients/" + id + "/rotate-secret", other.key(), "")
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/v1/oauth-clients/" + id + "/disable", other.key(), "")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/v1/oauth-clients", other.key()).json().get("items"))
                .isEmpty();
        assertThat(api.get("/v1/oauth-clients/" + id, owner.key())
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("active");
    }
}
