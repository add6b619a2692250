package dev.artifacta.server.whoami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class RequestQuotaIT extends ApiTest {

    private static final int QUOTA = 5;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.plans.free.monthly-requests", Integer.toString(QUOTA));
    }

    @Test
    void givenQuotaIsSpent_whenAnotherRequestIsMade_thenTooManyRequestsUntilNextMonth() {
        Tenant tenant = api.signUp("spent");
        for (int i = 1; i <= QUOTA; i++) {
            assertThat(api.get("/v1/api-keys", tenant.key()).status())
                    .as("request " + i)
                    .isEqualTo(200);
        }

        ApiResponse refused = api.get("/v1/api-keys", tenant.key());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).matches("^[1-9][0-9]*$");
        assertThat(Long.parseLong(refused.header("Retry-After")))
                .isBetween(1L, Duration.ofDays(31).toSeconds());
        JsonNode problem = refused.json();
        assertThat(problem.get("type").asText()).endsWith("/request-quota-exceeded");
        assertThat(problem.get("plan").asText()).isEqualTo("free");
        assertThat(problem.get("limit").asLong()).isEqualTo(QUOTA);
        Instant resetsAt = Instant.parse(problem.get("resetsAt").asText());
        assertThat(resetsAt).isEqualTo(startOfNextMonth());
        assertThat(problem.get("detail").asText()).contains("free").contains(Integer.toString(QUOTA));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(Instant.now().plusSeconds(retryAfter)).isCloseTo(resetsAt, within(Duration.ofMinutes(1)));
    }

    @Test
    void givenQuotaIsSpent_whenWhoami_thenItStillAnswersAndShowsTheUsage() {
        Tenant tenant = api.signUp("whoami");
        for (int i = 0; i < QUOTA; i++) {
            api.get("/v1/api-keys", tenant.key());
        }
        assertThat(api.get("/v1/api-keys", tenant.key()).status()).isEqualTo(429);

        ApiResponse whoami = api.get("/v1/whoami", tenant.key());

        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.json().at("/usage/requests/limit").asLong()).isEqualTo(QUOTA);
        assertThat(whoami.json().at("/usage/requests/used").asLong()).isGreaterThanOrEqualTo(QUOTA);
    }

    @Test
    void whoamiRequestsCountTowardsTheQuota() {
        Tenant tenant = api.signUp("counted");
        for (int i = 0; i < QUOTA; i++) {
            assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);
        }

        assertThat(api.get("/v1/api-keys", tenant.key()).status()).isEqualTo(429);
    }

    @Test
    void givenOneTenantSpentItsQuota_whenAnotherTenantCalls_thenItIsNotLimited() {
        Tenant spent = api.signUp("heavy");
        for (int i = 0; i < QUOTA; i++) {
            api.get("/v1/api-keys", spent.key());
        }
        assertThat(api.get("/v1/api-keys", spent.key()).status()).isEqualTo(429);

        Tenant fresh = api.signUp("light");

        assertThat(api.get("/v1/api-keys", fresh.key()).status()).isEqualTo(200);
        assertThat(api.get("/v1/whoami", fresh.key())
                        .json()
                        .at("/usage/requests/used")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void givenQuotaIsSpent_whenAnotherKeyOfTheSameTenantCalls_thenItIsLimitedToo() {
        Tenant tenant = api.signUp("shared");
        String second = api.createKey(tenant.key(), "{\"name\":\"second\",\"scopes\":[\"agents:manage\"]}")
                .get("key")
                .asText();
        for (int i = 0; i < QUOTA; i++) {
            api.get("/v1/api-keys", tenant.key());
        }

        assertThat(api.get("/v1/api-keys", second).status()).isEqualTo(429);
    }

    private static Instant startOfNextMonth() {
        return YearMonth.now(ZoneOffset.UTC)
                .plusMonths(1)
                .atDay(1)
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }
}
