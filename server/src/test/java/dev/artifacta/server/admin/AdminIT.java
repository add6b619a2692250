package dev.artifacta.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AdminIT extends ApiTest {

    private static final String PRO = "{\"plan\":\"pro\"}";
    private static final String FREE = "{\"plan\":\"free\"}";

    @Test
    void givenFreeTenant_whenOperatorMovesItToPro_thenWhoamiShowsProAndItsLimits() {
        Tenant tenant = api.signUp("upgrade");

        ApiResponse changed = changePlan(tenant.id(), PRO);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("tenantId").asText()).isEqualTo(tenant.id());
        assertThat(changed.json().get("plan").asText()).isEqualTo("pro");
        JsonNode whoami = api.get("/v1/whoami", tenant.key()).json();
        assertThat(whoami.at("/tenant/plan").asText()).isEqualTo("pro");
        assertThat(whoami.at("/usage/requests/limit").asLong()).isEqualTo(1_000_000);
        assertThat(whoami.at("/usage/storage/limitBytes").asLong()).isEqualTo(107_374_182_400L);
    }

    @Test
    void givenProTenant_whenItCreatesMoreKeysThanFreeAllows_thenTheyAreCreated() {
        Tenant tenant = api.signUp("prokeys");
        assertThat(changePlan(tenant.id(), PRO).status()).isEqualTo(200);

        for (int i = 2; i <= 11; i++) {
            ApiResponse created = api.post("/v1/api-keys", tenant.key(), "{\"name\":\"key-" + i + "\"}");
            assertThat(created.status()).as("active key number " + i).isEqualTo(201);
        }

        assertThat(api.get("/v1/api-keys", tenant.key()).json().get("items").size())
                .isEqualTo(11);
    }

    @Test
    void givenElevenKeysOnPro_whenDowngradedToFree_thenKeysKeepWorkingButNewOnesWaitForAFreeSlot() {
        Tenant tenant = api.signUp("downgrade");
        changePlan(tenant.id(), PRO);
        List<JsonNode> keys = new ArrayList<>();
        for (int i = 2; i <= 11; i++) {
            keys.add(api.createKey(tenant.key(), "{\"name\":\"key-" + i + "\"}"));
        }

        ApiResponse downgraded = changePlan(tenant.id(), FREE);

        assertThat(downgraded.status()).isEqualTo(200);
        assertThat(api.get("/v1/whoami", tenant.key()).json().at("/tenant/plan").asText())
                .isEqualTo("free");
        for (JsonNode key : keys) {
            assertThat(api.get("/v1/whoami", key.get("key").asText()).status()).isEqualTo(200);
        }
        ApiResponse refused = api.post("/v1/api-keys", tenant.key(), "{\"name\":\"one more\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("/api-key-limit-reached");
        assertThat(refused.json().get("plan").asText()).isEqualTo("free");
        assertThat(refused.json().get("limit").asInt()).isEqualTo(10);

        api.delete("/v1/api-keys/" + keys.get(0).get("id").asText(), tenant.key());
        assertThat(api.post("/v1/api-keys", tenant.key(), "{\"name\":\"one more\"}")
                        .status())
                .as("ten active keys: still at the limit")
                .isEqualTo(409);
        api.delete("/v1/api-keys/" + keys.get(1).get("id").asText(), tenant.key());
        assertThat(api.post("/v1/api-keys", tenant.key(), "{\"name\":\"one more\"}")
                        .status())
                .as("nine active keys: a slot is free")
                .isEqualTo(201);
    }

    @Test
    void givenTenantAlreadyOnThePlan_whenSamePlanIsSetAgain_thenOkAndOnlyOneChangeIsAudited() {
        Tenant tenant = api.signUp("again");
        assertThat(changePlan(tenant.id(), PRO).status()).isEqualTo(200);

        ApiResponse again = changePlan(tenant.id(), PRO);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("plan").asText()).isEqualTo("pro");
        ApiResponse audit = api.get("/v1/audit-events?action=tenant.plan_changed", tenant.key());
        assertThat(audit.status()).isEqualTo(200);
        JsonNode items = audit.json().get("items");
        assertThat(items.size()).isEqualTo(1);
        JsonNode entry = items.get(0);
        assertThat(entry.get("action").asText()).isEqualTo("tenant.plan_changed");
        assertThat(entry.at("/actor/type").asText()).isEqualTo("service");
        assertThat(entry.at("/actor/displayName").asText()).isEqualTo("Operator (admin API)");
        assertThat(entry.at("/resource/id").asText()).isEqualTo(tenant.id());
        assertThat(entry.at("/details/previousPlan").asText()).isEqualTo("free");
        assertThat(entry.at("/details/plan").asText()).isEqualTo("pro");
    }

    @Test
    void givenNoOrWrongToken_whenChangingAPlan_thenUnauthenticated_andThePlanStays() {
        Tenant tenant = api.signUp("notoken");
        String path = "/admin/v1/tenants/" + tenant.id() + "/plan";

        List<ApiResponse> refusals = List.of(
                api.put(path, null, PRO),
                api.put(path, "wrong-token", PRO),
                api.put(path, ADMIN_TOKEN + "x", PRO),
                api.put(path, ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1), PRO),
                api.put(path, "", PRO),
                api.send(HttpRequest.PUT(path, PRO)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("Authorization", "Basic " + ADMIN_TOKEN)),
                api.send(HttpRequest.PUT(path, PRO)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("X-API-Key", ADMIN_TOKEN)));

        for (ApiResponse refusal : refusals) {
            assertThat(refusal.status()).isEqualTo(401);
            assertThat(refusal.contentType()).startsWith("application/problem+json");
            assertThat(refusal.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(refusal.json().get("type").asText()).endsWith("/unauthenticated");
            assertThat(refusal.body()).doesNotContain(ADMIN_TOKEN);
        }
        assertThat(api.get("/v1/whoami", tenant.key()).json().at("/tenant/plan").asText())
                .isEqualTo("free");
    }

    @Test
    void givenTenantsOwnApiKey_whenUsedOnTheAdminApi_thenUnauthenticated() {
        Tenant tenant = api.signUp("selfserve");

        ApiResponse refused = api.put("/admin/v1/tenants/" + tenant.id() + "/plan", tenant.key(), PRO);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).doesNotContain(tenant.key());
        assertThat(api.get("/v1/whoami", tenant.key()).json().at("/tenant/plan").asText())
                .isEqualTo("free");
    }

    @Test
    void givenUnknownPlan_whenChangingThePlan_thenUnprocessable_andThePlanStays() {
        Tenant tenant = api.signUp("noplan");

        ApiResponse response = changePlan(tenant.id(), "{\"plan\":\"platinum\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith("/unknown-plan");
        assertThat(response.json().get("detail").asText()).contains("platinum");
        assertThat(api.get("/v1/whoami", tenant.key()).json().at("/tenant/plan").asText())
                .isEqualTo("free");
        assertThat(api.get("/v1/audit-events?action=tenant.plan_changed", tenant.key())
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void unknownOrMalformedTenantIdsAreNotFound() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-tenant", "%27%20OR%201%3D1", "12345")) {
            ApiResponse response = changePlan(id, PRO);

            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.contentType()).as(id).startsWith("application/problem+json");
        }
    }

    @Test
    void malformedOrInvalidBodiesAreRejected() {
        Tenant tenant = api.signUp("badbody");
        record Case(String body, int status) {}

        for (Case c : List.of(
                new Case("{\"plan\":", 400),
                new Case("not json", 400),
                new Case("{\"plan\":\"pro\",\"extra\":true}", 400),
                new Case("{\"plan\":[\"pro\",\"team\"]}", 400),
                new Case("{}", 422),
                new Case("{\"plan\":\"\"}", 422))) {
            ApiResponse response = changePlan(tenant.id(), c.body());

            assertThat(response.status()).as(c.body()).isEqualTo(c.status());
            assertThat(response.contentType()).as(c.body()).startsWith("application/problem+json");
        }
        assertThat(api.get("/v1/whoami", tenant.key()).json().at("/tenant/plan").asText())
                .isEqualTo("free");
    }

    @Test
    void givenPlanSentAsAnArrayOfOne_whenChangingThePlan_thenBadRequest_andThePlanStays() {
        Tenant tenant = api.signUp("arrayplan");

        ApiResponse response = changePlan(tenant.id(), "{\"plan\":[\"pro\"]}");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/v1/whoami", tenant.key()).json().at("/tenant/plan").asText())
                .isEqualTo("free");
    }

    private ApiResponse changePlan(String tenantId, String body) {
        return api.put("/admin/v1/tenants/" + tenantId + "/plan", ADMIN_TOKEN, body);
    }
}
