package dev.artifacta.server.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ApiKeysIT extends ApiTest {

    @Override
    protected Map<String, String> extraProperties() {
        // The server takes 40 MB bodies (artifact versions); a small limit keeps the 413 test light.
        return Map.of("micronaut.server.max-request-size", "1MB");
    }

    @Test
    void givenOwnerKey_whenKeyIsCreatedWithoutScopes_thenItGetsTheDefaultsAndTheSecretOnce() {
        Tenant tenant = api.signUp("keys");

        ApiResponse created = api.post("/v1/api-keys", tenant.key(), "{\"name\":\"CI Pipeline\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode key = created.json();
        assertThat(created.header("Location"))
                .isEqualTo("/v1/api-keys/" + key.get("id").asText());
        assertThat(key.get("key").asText()).matches("^ak_live_[A-Za-z0-9]{32}$");
        assertThat(key.get("key").asText())
                .startsWith(key.get("prefix").asText())
                .endsWith(key.get("last4").asText());
        assertThat(texts(key.get("scopes")))
                .containsExactly("artifacts:create", "artifacts:read", "artifacts:update", "comments:write");
        assertThat(key.at("/identity/type").asText()).isEqualTo("user");
        assertThat(key.at("/createdBy/displayName").asText()).isEqualTo("API Key: Default key");

        ApiResponse read = api.get("/v1/api-keys/" + key.get("id").asText(), tenant.key());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("key")).isFalse();
        assertThat(read.body())
                .doesNotContain(key.get("key").asText())
                .doesNotContain("sha256")
                .doesNotContain("hash");
        assertThat(read.json().get("status").asText()).isEqualTo("active");
    }

    @Test
    void givenAgentIdentity_whenKeyIsCreated_thenItActsAsTheAgent() {
        Tenant tenant = api.signUp("agent");

        JsonNode key = api.createKey(
                tenant.key(),
                "{\"name\":\"Release bot\",\"scopes\":[\"artifacts:read\"],"
                        + "\"identity\":{\"type\":\"agent\",\"name\":\"release-bot\"},\"description\":\"ships builds\"}");

        assertThat(key.at("/identity/type").asText()).isEqualTo("agent");
        assertThat(key.at("/identity/name").asText()).isEqualTo("release-bot");
        JsonNode listed =
                api.get("/v1/api-keys/" + key.get("id").asText(), tenant.key()).json();
        assertThat(listed.get("description").asText()).isEqualTo("ships builds");
        assertThat(listed.at("/identity/name").asText()).isEqualTo("release-bot");
    }

    @Test
    void givenActiveAndRevokedKeys_whenListing_thenStatusFilterSelectsThem() {
        Tenant tenant = api.signUp("list");
        String kept =
                api.createKey(tenant.key(), "{\"name\":\"kept\"}").get("id").asText();
        String dropped =
                api.createKey(tenant.key(), "{\"name\":\"dropped\"}").get("id").asText();
        assertThat(api.delete("/v1/api-keys/" + dropped, tenant.key()).status()).isEqualTo(200);

        assertThat(ids(api.get("/v1/api-keys", tenant.key())))
                .contains(kept, tenant.keyId())
                .doesNotContain(dropped);
        assertThat(ids(api.get("/v1/api-keys?status=revoked", tenant.key()))).containsExactly(dropped);
        assertThat(ids(api.get("/v1/api-keys?status=all", tenant.key()))).contains(kept, dropped, tenant.keyId());
        assertThat(api.get("/v1/api-keys?status=sleeping", tenant.key()).status())
                .isEqualTo(400);
    }

    @Test
    void revokedKeyIsRejectedOnTheNextRequest() {
        Tenant tenant = api.signUp("revoke");
        JsonNode key = api.createKey(tenant.key(), "{\"name\":\"short-lived\"}");
        String raw = key.get("key").asText();
        assertThat(api.get("/v1/whoami", raw).status()).isEqualTo(200);

        ApiResponse revoked = api.delete("/v1/api-keys/" + key.get("id").asText(), tenant.key());

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
        ApiResponse next = api.get("/v1/whoami", raw);
        assertThat(next.status()).isEqualTo(401);
        assertThat(next.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(next.json().get("detail").asText()).contains("revoked");
    }

    @Test
    void givenRevokedKey_whenRevokedAgain_thenConflict() {
        Tenant tenant = api.signUp("twice");
        String id = api.createKey(tenant.key(), "{\"name\":\"once\"}").get("id").asText();
        api.delete("/v1/api-keys/" + id, tenant.key());

        ApiResponse again = api.delete("/v1/api-keys/" + id, tenant.key());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText()).endsWith("/api-key-already-revoked");
    }

    @Test
    void unknownOrMalformedKeyIdsAreNotFound() {
        Tenant tenant = api.signUp("missing");

        for (String id : List.of("00000000-0000-0000-0000-000000000000", "not-a-uuid", "%27%20OR%201%3D1")) {
            assertThat(api.get("/v1/api-keys/" + id, tenant.key()).status())
                    .as(id)
                    .isEqualTo(404);
            ApiResponse revoke = api.delete("/v1/api-keys/" + id, tenant.key());
            assertThat(revoke.status()).as(id).isEqualTo(404);
            assertThat(revoke.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void givenActiveKeyNamed_whenAnotherTakesTheName_thenConflict_andAfterRevocationTheNameIsFree() {
        Tenant tenant = api.signUp("names");
        String first =
                api.createKey(tenant.key(), "{\"name\":\"deploy\"}").get("id").asText();

        ApiResponse taken = api.post("/v1/api-keys", tenant.key(), "{\"name\":\"deploy\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asText()).endsWith("/api-key-name-taken");

        api.delete("/v1/api-keys/" + first, tenant.key());
        assertThat(api.post("/v1/api-keys", tenant.key(), "{\"name\":\"deploy\"}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void givenFreePlan_whenEleventhKeyIsCreated_thenConflict_andRevokingFreesASlot() {
        Tenant tenant = api.signUp("limit");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            ids.add(api.createKey(tenant.key(), "{\"name\":\"key-" + i + "\"}")
                    .get("id")
                    .asText());
        }

        ApiResponse eleventh = api.post("/v1/api-keys", tenant.key(), "{\"name\":\"one too many\"}");

        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.contentType()).startsWith("application/problem+json");
        assertThat(eleventh.json().get("type").asText()).endsWith("/api-key-limit-reached");
        assertThat(eleventh.json().get("limit").asInt()).isEqualTo(10);
        assertThat(eleventh.json().get("plan").asText()).isEqualTo("free");
        assertThat(eleventh.json().get("detail").asText()).contains("free").contains("10");

        api.delete("/v1/api-keys/" + ids.getFirst(), tenant.key());
        assertThat(api.post("/v1/api-keys", tenant.key(), "{\"name\":\"one too many\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/v1/api-keys", tenant.key()).json().get("items").size())
                .isEqualTo(10);
    }

    @Test
    void givenOneSlotLeft_whenFourClientsRaceForIt_thenExactlyOneKeyIsCreated() throws Exception {
        Tenant tenant = api.signUp("race");
        for (int i = 1; i <= 8; i++) {
            api.createKey(tenant.key(), "{\"name\":\"key-" + i + "\"}");
        }
        List<Callable<Integer>> racers = IntStream.range(0, 4)
                .<Callable<Integer>>mapToObj(
                        i -> () -> api.post("/v1/api-keys", tenant.key(), "{\"name\":\"racer-" + i + "\"}")
                                .status())
                .toList();

        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var future : pool.invokeAll(racers)) {
                statuses.add(future.get());
            }
        }

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(api.get("/v1/api-keys", tenant.key()).json().get("items").size())
                .isEqualTo(10);
    }

    @Test
    void givenKeyWithoutAgentsManage_whenItManagesKeys_thenForbiddenNamingTheScope() {
        Tenant tenant = api.signUp("scope");
        String reader = api.createKey(tenant.key(), "{\"name\":\"reader\",\"scopes\":[\"artifacts:read\"]}")
                .get("key")
                .asText();

        for (ApiResponse response : List.of(
                api.get("/v1/api-keys", reader),
                api.get("/v1/api-keys/" + tenant.keyId(), reader),
                api.post("/v1/api-keys", reader, "{\"name\":\"x\"}"),
                api.delete("/v1/api-keys/" + tenant.keyId(), reader))) {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("requiredScope").asText()).isEqualTo("agents:manage");
        }
        assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);
    }

    @Test
    void givenKeyWithoutAScope_whenItGrantsThatScope_thenForbidden() {
        Tenant tenant = api.signUp("escalate");
        String manager = api.createKey(tenant.key(), "{\"name\":\"manager\",\"scopes\":[\"agents:manage\"]}")
                .get("key")
                .asText();

        ApiResponse escalation = api.post("/v1/api-keys", manager, "{\"name\":\"x\",\"scopes\":[\"audit:read\"]}");

        assertThat(escalation.status()).isEqualTo(403);
        assertThat(escalation.json().get("type").asText()).endsWith("/scope-escalation");
    }

    @Test
    void givenAgentKey_whenItCreatesAKeyActingAsTheOwnerOrAnotherAgent_thenForbidden_andForItselfCreated() {
        Tenant tenant = api.signUp("identity");
        String agent = api.createKey(
                        tenant.key(),
                        "{\"name\":\"bot\",\"scopes\":[\"agents:manage\"],\"identity\":{\"type\":\"agent\",\"name\":\"bot\"}}")
                .get("key")
                .asText();

        assertThat(api.post("/v1/api-keys", agent, "{\"name\":\"owner-key\",\"scopes\":[\"agents:manage\"]}")
                        .status())
                .isEqualTo(403);
        // Another agent is above it too: an agent key manages only its own agent's keys.
        assertThat(api.post(
                                "/v1/api-keys",
                                agent,
                                "{\"name\":\"sub-bot\",\"scopes\":[\"agents:manage\"],"
                                        + "\"identity\":{\"type\":\"agent\",\"name\":\"sub\"}}")
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/v1/api-keys",
                                agent,
                                "{\"name\":\"bot-2\",\"scopes\":[\"agents:manage\"],"
                                        + "\"identity\":{\"type\":\"agent\",\"name\":\"bot\"}}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void invalidKeyRequestsAreRejectedWithProblems_andWriteNothing() {
        Tenant tenant = api.signUp("invalid");
        String longName = "n".repeat(101);
        record Case(String body, int status, String type) {}
        List<Case> cases = List.of(
                new Case("{\"name\":", 400, "malformed-request"),
                new Case("[]", 400, "malformed-request"),
                new Case("{\"name\":\"x\",\"scope\":[\"artifacts:read\"]}", 400, "malformed-request"),
                new Case("{\"name\":\"x\",\"scopes\":\"artifacts:read\"}", 400, "malformed-request"),
                new Case("{\"name\":\"x\",\"expiresAt\":\"next tuesday\"}", 400, "malformed-request"),
                new Case("{\"name\":[1,2]}", 400, "malformed-request"),
                new Case("{}", 422, "invalid-request"),
                new Case("{\"name\":\"" + longName + "\"}", 422, "invalid-request"),
                new Case("{\"name\":\"x\",\"description\":\"" + "d".repeat(501) + "\"}", 422, "invalid-request"),
                new Case("{\"name\":\"x\",\"scopes\":[]}", 422, "invalid-request"),
                new Case("{\"name\":\"x\",\"scopes\":[\"artifacts:everything\"]}", 422, "unknown-scope"),
                new Case("{\"name\":\" padded \"}", 422, "invalid-api-key-name"),
                new Case("{\"name\":\"x\",\"identity\":{\"type\":\"robot\"}}", 422, "invalid-identity"),
                new Case("{\"name\":\"x\",\"identity\":{\"type\":\"agent\"}}", 422, "invalid-identity"),
                new Case(
                        "{\"name\":\"x\",\"expiresAt\":\"" + Instant.now().minusSeconds(60) + "\"}",
                        422,
                        "invalid-expiry"));

        for (Case c : cases) {
            ApiResponse response = api.post("/v1/api-keys", tenant.key(), c.body());
            assertThat(response.status()).as(c.body()).isEqualTo(c.status());
            assertThat(response.contentType()).as(c.body()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(c.body()).endsWith("/" + c.type());
            assertThat(response.json().get("detail").asText()).as(c.body()).isNotBlank();
        }
        assertThat(api.get("/v1/api-keys?status=all", tenant.key())
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void oversizedBodyIsRejectedWith413() {
        Tenant tenant = api.signUp("huge");

        ApiResponse response = api.post(
                "/v1/api-keys", tenant.key(), "{\"name\":\"x\",\"description\":\"" + "d".repeat(2_000_000) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenKeyIsUsed_whenListed_thenLastUsedIsShown() {
        Tenant tenant = api.signUp("lastused");
        JsonNode key = api.createKey(tenant.key(), "{\"name\":\"used\"}");
        String id = key.get("id").asText();
        assertThat(api.get("/v1/api-keys/" + id, tenant.key())
                        .json()
                        .get("lastUsedAt")
                        .isNull())
                .isTrue();

        api.get("/v1/whoami", key.get("key").asText());

        assertThat(api.get("/v1/api-keys/" + id, tenant.key())
                        .json()
                        .get("lastUsedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void givenKeyThatExpires_whenItsTimeHasPassed_thenItIsRefusedAndListedAsExpired() throws Exception {
        Tenant tenant = api.signUp("expiry");
        JsonNode key = api.createKey(
                tenant.key(),
                "{\"name\":\"brief\",\"expiresAt\":\"" + Instant.now().plusSeconds(2) + "\"}");
        assertThat(api.get("/v1/whoami", key.get("key").asText()).status()).isEqualTo(200);

        Thread.sleep(2_500);

        ApiResponse refused = api.get("/v1/whoami", key.get("key").asText());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).contains("expired");
        assertThat(ids(api.get("/v1/api-keys?status=expired", tenant.key())))
                .containsExactly(key.get("id").asText());
        assertThat(api.post("/v1/api-keys", tenant.key(), "{\"name\":\"brief\"}")
                        .status())
                .isEqualTo(201);
    }

    private static List<String> ids(ApiResponse list) {
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(item -> item.get("id").asText())
                .toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
