package dev.artifacta.server.whoami;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class WhoamiIT extends ApiTest {

    @Test
    void givenOwnerKey_whenWhoami_thenTenantAndKeyAreDescribed() {
        Tenant tenant = api.signUp("who");

        ApiResponse response = api.get("/v1/whoami", tenant.key());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.at("/tenant/id").asText()).isEqualTo(tenant.id());
        assertThat(body.at("/tenant/name").asText()).isEqualTo(tenant.name());
        assertThat(body.at("/tenant/plan").asText()).isEqualTo("free");
        assertThat(body.at("/key/id").asText()).isEqualTo(tenant.keyId());
        assertThat(body.at("/key/name").asText()).isEqualTo("Default key");
        assertThat(body.at("/key/prefix").asText()).isEqualTo(tenant.key().substring(0, 12));
        assertThat(body.at("/key/last4").asText())
                .isEqualTo(tenant.key().substring(tenant.key().length() - 4));
        assertThat(texts(body.at("/key/scopes")))
                .containsExactlyInAnyOrder(
                        "artifacts:read",
                        "artifacts:create",
                        "artifacts:update",
                        "artifacts:delete",
                        "artifacts:share",
                        "artifacts:access:read",
                        "artifacts:access:write",
                        "agents:manage",
                        "audit:read",
                        "members:read",
                        "members:manage",
                        "comments:write");
        assertThat(body.at("/key/identity/type").asText()).isEqualTo("user");
        assertThat(body.at("/key/identity/name").asText()).isEqualTo("owner@" + tenant.name() + ".example");
        assertThat(response.body()).doesNotContain(tenant.key());
    }

    @Test
    void givenAgentKeyWithOneScope_whenWhoami_thenItShowsThatKeyNotTheOwners() {
        Tenant tenant = api.signUp("agentwho");
        JsonNode agent = api.createKey(
                tenant.key(),
                "{\"name\":\"reader-bot\",\"scopes\":[\"artifacts:read\"],"
                        + "\"identity\":{\"type\":\"agent\",\"name\":\"reader\"}}");

        JsonNode body = api.get("/v1/whoami", agent.get("key").asText()).json();

        assertThat(body.at("/tenant/id").asText()).isEqualTo(tenant.id());
        assertThat(body.at("/key/id").asText()).isEqualTo(agent.get("id").asText());
        assertThat(body.at("/key/name").asText()).isEqualTo("reader-bot");
        assertThat(texts(body.at("/key/scopes"))).containsExactly("artifacts:read");
        assertThat(body.at("/key/identity/type").asText()).isEqualTo("agent");
        assertThat(body.at("/key/identity/name").asText()).isEqualTo("reader");
    }

    @Test
    void givenFreePlan_whenWhoami_thenLimitsOfTheFreePlanAndTheCurrentMonthAreShown() {
        Tenant tenant = api.signUp("limits");
        YearMonth monthBefore = YearMonth.now(ZoneOffset.UTC);

        JsonNode usage = api.get("/v1/whoami", tenant.key()).json().get("usage");

        YearMonth month = YearMonth.parse(usage.at("/requests/period").asText());
        assertThat(month).isIn(monthBefore, YearMonth.now(ZoneOffset.UTC));
        assertThat(usage.at("/requests/limit").asLong()).isEqualTo(10_000);
        assertThat(Instant.parse(usage.at("/requests/resetsAt").asText()))
                .isEqualTo(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(usage.at("/storage/usedBytes").asLong()).isZero();
        assertThat(usage.at("/storage/limitBytes").asLong()).isEqualTo(1_073_741_824L);
    }

    @Test
    void givenNewTenant_whenWhoamiIsTheFirstRequest_thenItCountsItself() {
        Tenant tenant = api.signUp("first");

        long used = requestsUsed(tenant.key());

        assertThat(used).isEqualTo(1);
    }

    @Test
    void everyAuthenticatedRequestCountsTowardsTheMonthlyUsage() {
        Tenant tenant = api.signUp("usage");
        String other =
                api.createKey(tenant.key(), "{\"name\":\"second\"}").get("key").asText();
        long before = requestsUsed(tenant.key());
        int requests = 7;

        for (int i = 0; i < requests; i++) {
            String key = i % 2 == 0 ? tenant.key() : other;
            assertThat(api.get(i % 3 == 0 ? "/v1/api-keys" : "/v1/whoami", key).status())
                    .isIn(200, 403);
        }

        long after = requestsUsed(tenant.key());
        // Every request of the loop, plus the whoami that reads the count.
        assertThat(after).isBetween(before + requests, before + requests + 1);
    }

    @Test
    void givenCountsWereFlushedToTheDatabase_whenWhoami_thenNothingIsLostOrCountedTwice() throws Exception {
        Tenant tenant = api.signUp("flush");
        for (int i = 0; i < 5; i++) {
            api.get("/v1/api-keys", tenant.key());
        }
        long before = requestsUsed(tenant.key());

        // The flush interval is 2s; after it the count is read back from the database.
        Thread.sleep(4_500);

        assertThat(requestsUsed(tenant.key())).isEqualTo(before + 1);
    }

    @Test
    void usageIsCountedPerTenant() {
        Tenant busy = api.signUp("busy");
        Tenant quiet = api.signUp("quiet");
        for (int i = 0; i < 5; i++) {
            api.get("/v1/api-keys", busy.key());
        }

        assertThat(requestsUsed(quiet.key())).isEqualTo(1);
        assertThat(requestsUsed(busy.key())).isGreaterThanOrEqualTo(6);
    }

    @Test
    void givenNoKey_whenWhoami_thenUnauthenticated() {
        ApiResponse response = api.get("/v1/whoami", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private long requestsUsed(String key) {
        ApiResponse whoami = api.get("/v1/whoami", key);
        assertThat(whoami.status()).isEqualTo(200);
        return whoami.json().at("/usage/requests/used").asLong();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
