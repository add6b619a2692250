package dev.artifacta.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.events.UserIds;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agents are identities of their own: lifecycle, keys that act as them, and their audit trail. */
@MicronautTest(transactional = false)
class AgentsIT extends ApiTest {

    private JsonNode createAgent(String ownerKey, String json) {
        ApiResponse created = api.post("/v1/agents", ownerKey, json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode keyFor(String ownerKey, String agentId, String scopes) {
        return api.createKey(
                ownerKey,
                "{\"name\":\"key-" + System.nanoTime() + "\",\"scopes\":[" + scopes + "],"
                        + "\"identity\":{\"type\":\"agent\",\"agentId\":\"" + agentId + "\"}}");
    }

    @Test
    void givenOwner_whenAgentIsCreated_thenItIsAnEditorSponsoredByTheOwner_withALocation() {
        Tenant tenant = api.signUp("agents");

        ApiResponse created = api.post("/v1/agents", tenant.key(), "{\"name\":\"deploy-bot\",\"description\":\"CI\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode agent = created.json();
        assertThat(created.header("Location"))
                .isEqualTo("/v1/agents/" + agent.get("id").asText());
        assertThat(agent.get("name").asText()).isEqualTo("deploy-bot");
        assertThat(agent.get("role").asText()).isEqualTo("editor");
        assertThat(agent.get("status").asText()).isEqualTo("active");
        assertThat(agent.at("/sponsor/id").asText()).isEqualTo(UserIds.of("owner@" + tenant.name() + ".example"));
        assertThat(api.get(created.header("Location"), tenant.key())
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo("deploy-bot");
        assertThat(api.get("/v1/agents", tenant.key()).json().get("items")).hasSize(1);
    }

    @Test
    void givenOwner_whenAgentIsMadeOwner_thenRefused_andNamesAreUniquePerTenant() {
        Tenant tenant = api.signUp("agent-rules");
        createAgent(tenant.key(), "{\"name\":\"bot\"}");

        assertThat(api.post("/v1/agents", tenant.key(), "{\"name\":\"boss\",\"role\":\"owner\"}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/v1/agents", tenant.key(), "{\"name\":\"bot\"}").status())
                .isEqualTo(409);
    }

    @Test
    void givenAgentKey_whenAgentIsRenamedOrItsRoleChanged_thenTheKeyActsWithTheNewRoleAtOnce() {
        Tenant tenant = api.signUp("agent-role");
        JsonNode agent = createAgent(tenant.key(), "{\"name\":\"writer\",\"role\":\"editor\"}");
        String id = agent.get("id").asText();
        String key = keyFor(tenant.key(), id, "\"artifacts:create\",\"artifacts:read\"")
                .get("key")
                .asText();
        assertThat(api.post("/v1/artifacts", key, "{\"title\":\"one\",\"content\":\"x\"}")
                        .status())
                .isEqualTo(201);

        ApiResponse changed = api.patch("/v1/agents/" + id, tenant.key(), "{\"name\":\"reader\",\"role\":\"viewer\"}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("role").asText()).isEqualTo("viewer");
        assertThat(changed.json().get("name").asText()).isEqualTo("reader");
        ApiResponse refused = api.post("/v1/artifacts", key, "{\"title\":\"two\",\"content\":\"x\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("/insufficient-role");
        assertThat(api.get("/v1/whoami", key)
                        .json()
                        .at("/principal/actingFor/displayName")
                        .asText())
                .isEqualTo("reader");
    }

    @Test
    void givenAgentWithKeys_whenDisabled_thenEveryKeyIsRefused_untilEnabled() {
        Tenant tenant = api.signUp("agent-off");
        String id =
                createAgent(tenant.key(), "{\"name\":\"nightly\"}").get("id").asText();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            keys.add(keyFor(tenant.key(), id, "\"artifacts:read\"").get("key").asText());
        }

        ApiResponse disabled = api.post("/v1/agents/" + id + "/disable", tenant.key(), "");

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");
        for (String key : keys) {
            ApiResponse refused = api.get("/v1/whoami", key);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("detail").asText()).contains("disabled");
        }
        assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);

        assertThat(api.post("/v1/agents/" + id + "/enable", tenant.key(), "").status())
                .isEqualTo(200);
        for (String key : keys) {
            assertThat(api.get("/v1/whoami", key).status()).isEqualTo(200);
        }
    }

    @Test
    void givenAgentKey_whenItActs_thenTheAuditLogShowsTheAgentItsNameAtTheTimeAndItsSponsor() {
        Tenant tenant = api.signUp("agent-audit");
        String id = createAgent(tenant.key(), "{\"name\":\"auditor-bot\"}")
                .get("id")
                .asText();
        JsonNode key = keyFor(tenant.key(), id, "\"artifacts:create\",\"artifacts:read\"");

        assertThat(api.post("/v1/artifacts", key.get("key").asText(), "{\"title\":\"by bot\",\"content\":\"x\"}")
                        .status())
                .isEqualTo(201);

        JsonNode entries = api.get("/v1/audit-events?action=artifact.created", tenant.key())
                .json()
                .get("items");
        assertThat(entries).hasSize(1);
        JsonNode actor = entries.get(0).get("actor");
        assertThat(actor.get("type").asText()).isEqualTo("agent");
        assertThat(actor.get("id").asText()).isEqualTo(id);
        assertThat(actor.get("displayName").asText()).isEqualTo("Agent: auditor-bot");
        assertThat(actor.get("keyId").asText()).isEqualTo(key.get("id").asText());
        JsonNode created = api.get("/v1/audit-events?action=agent.created", tenant.key())
                .json()
                .get("items");
        assertThat(created.get(0).at("/details/sponsor").asText())
                .isEqualTo(UserIds.of("owner@" + tenant.name() + ".example"));
    }

    @Test
    void givenAgentKey_whenWhoami_thenThePrincipalIsTheKeyActingForTheAgentWithItsSponsor() {
        Tenant tenant = api.signUp("agent-who");
        String id = createAgent(tenant.key(), "{\"name\":\"who-bot\",\"role\":\"viewer\"}")
                .get("id")
                .asText();
        JsonNode key = keyFor(tenant.key(), id, "\"artifacts:read\"");

        JsonNode principal =
                api.get("/v1/whoami", key.get("key").asText()).json().get("principal");

        assertThat(principal.get("type").asText()).isEqualTo("api_key");
        assertThat(principal.get("id").asText()).isEqualTo(key.get("id").asText());
        assertThat(principal.get("role").asText()).isEqualTo("viewer");
        assertThat(principal.get("scopes")).extracting(JsonNode::asText).containsExactly("artifacts:read");
        assertThat(principal.at("/actingFor/type").asText()).isEqualTo("agent");
        assertThat(principal.at("/actingFor/id").asText()).isEqualTo(id);
        assertThat(principal.at("/actingFor/sponsor/id").asText())
                .isEqualTo(UserIds.of("owner@" + tenant.name() + ".example"));
    }

    @Test
    void givenOwnerKey_whenWhoami_thenThePrincipalIsTheKeyActingForTheOwner() {
        Tenant tenant = api.signUp("owner-who");

        JsonNode principal = api.get("/v1/whoami", tenant.key()).json().get("principal");

        assertThat(principal.get("type").asText()).isEqualTo("api_key");
        assertThat(principal.get("role").asText()).isEqualTo("owner");
        assertThat(principal.at("/actingFor/type").asText()).isEqualTo("user");
        assertThat(principal.at("/actingFor/sponsor").isNull()).isTrue();
    }

    @Test
    void givenAgentKeyWithAgentsManage_whenItManagesAgents_thenIdentityEscalation_andItSeesOnlyItself() {
        Tenant tenant = api.signUp("agent-self");
        String id = createAgent(tenant.key(), "{\"name\":\"self\"}").get("id").asText();
        String other =
                createAgent(tenant.key(), "{\"name\":\"other\"}").get("id").asText();
        String key = keyFor(tenant.key(), id, "\"agents:manage\"").get("key").asText();

        ApiResponse create = api.post("/v1/agents", key, "{\"name\":\"spawn\"}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().get("type").asText()).endsWith("/identity-escalation");
        assertThat(api.post("/v1/agents/" + other + "/disable", key, "").status())
                .isEqualTo(403);
        assertThat(api.get("/v1/agents", key).json().get("items"))
                .extracting(a -> a.get("id").asText())
                .containsExactly(id);
        assertThat(api.get("/v1/agents/" + other, key).status()).isEqualTo(404);
    }

    @Test
    void givenAnotherTenantsAgent_thenEveryRouteAnswers404() {
        Tenant a = api.signUp("agent-a");
        Tenant b = api.signUp("agent-b");
        String bAgent = createAgent(b.key(), "{\"name\":\"theirs\"}").get("id").asText();

        assertThat(api.get("/v1/agents/" + bAgent, a.key()).status()).isEqualTo(404);
        assertThat(api.patch("/v1/agents/" + bAgent, a.key(), "{\"name\":\"mine\"}")
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/v1/agents/" + bAgent + "/disable", a.key(), "").status())
                .isEqualTo(404);
        assertThat(api.post("/v1/agents/" + bAgent + "/enable", a.key(), "").status())
                .isEqualTo(404);
        assertThat(api.get("/v1/agents", a.key()).json().get("items")).isEmpty();
        ApiResponse key = api.post(
                "/v1/api-keys",
                a.key(),
                "{\"name\":\"x\",\"identity\":{\"type\":\"agent\",\"agentId\":\"" + bAgent + "\"}}");
        assertThat(key.status()).isEqualTo(422);
        assertThat(api.get("/v1/agents/" + bAgent, b.key()).json().get("status").asText())
                .isEqualTo("active");
    }

    @Test
    void givenKeyRequestNamingAnAgentByName_thenTheAgentIsFoundOrCreated() {
        Tenant tenant = api.signUp("agent-name");

        JsonNode first = api.createKey(
                tenant.key(), "{\"name\":\"k1\",\"identity\":{\"type\":\"agent\",\"name\":\"legacy-bot\"}}");
        JsonNode second = api.createKey(
                tenant.key(), "{\"name\":\"k2\",\"identity\":{\"type\":\"agent\",\"name\":\"legacy-bot\"}}");

        String agentId = first.at("/identity/agentId").asText();
        assertThat(agentId).isNotBlank();
        assertThat(second.at("/identity/agentId").asText()).isEqualTo(agentId);
        assertThat(api.get("/v1/agents", tenant.key()).json().get("items")).hasSize(1);
    }
}
