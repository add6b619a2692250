package dev.artifacta.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OperationsIT extends ApiTest {

    @Test
    void givenAnonymousOrchestrators_whenTheyProbeHealth_thenLivenessAndReadinessAreUp_andNothingElseIsShown() {
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            ApiResponse health = api.get(path, null);

            assertThat(health.status()).as(path + ": " + health.body()).isEqualTo(200);
            assertThat(health.contentType()).startsWith("application/json");
            assertThat(health.json().get("status").asText()).as(path).isEqualTo("UP");
            assertThat(health.json().path("details").isNull()
                            || health.json().path("details").isMissingNode())
                    .as(path + " shows no details: " + health.body())
                    .isTrue();
            assertThat(health.body()).doesNotContain("jdbc:").doesNotContain("diskSpace");
        }
    }

    @Test
    void givenCommandsWereHandled_whenMetricsAreScraped_thenHttpCommandStoreAndLagMetersAreExported() {
        Tenant tenant = api.signUp("metrics");
        api.createKey(tenant.key(), "{\"name\":\"metered\"}");

        ApiResponse metrics = api.get("/metrics", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        String text = metrics.body();
        assertThat(text).contains("http_server_requests");
        assertThat(sample(
                        text,
                        "http_server_requests_seconds_count",
                        "method=\"POST\"",
                        "status=\"201\"",
                        "uri=\"/v1/api-keys\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "commandBus_successCounter_total", "payloadType=\"CreateApiKey\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "commandBus_successCounter_total", "payloadType=\"SignUp\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "eventStore_ingestedCounter_total"))
                .as("events appended")
                .isGreaterThanOrEqualTo(3);
        assertThat(sample(text, "eventStore_allTimer_seconds_count", "payloadType=\"ApiKeyCreated\""))
                .isGreaterThanOrEqualTo(2);
        assertThat(sample(text, "artifacta_projection_lag_events", "processor=\"audit-log\""))
                .isGreaterThanOrEqualTo(0);
        assertThat(sample(text, "artifacta_projection_lag_events", "processor=\"api-key-list\""))
                .isGreaterThanOrEqualTo(0);
        assertThat(text).doesNotContainPattern("ak_live_[A-Za-z0-9]{32}");
    }

    @Test
    void theOpenApiDocumentDescribesThePublicAndAdminApi() {
        ApiResponse openapi = api.get("/openapi/artifacta-v1.yml", null);

        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body())
                .contains("openapi:")
                .contains("/v1/api-keys:")
                .contains("/v1/api-keys/{id}:")
                .contains("/v1/whoami:")
                .contains("/v1/audit-events:")
                .contains("/v1/signup:")
                .contains("/admin/v1/tenants/{id}/plan:");
    }

    @Test
    void unknownRoutesAreNotFoundProblems_withOrWithoutAKey() {
        Tenant tenant = api.signUp("unknown");

        for (ApiResponse response : List.of(
                api.get("/no-such-page", null),
                api.get("/v1/no-such-resource", tenant.key()),
                api.get("/v1/api-keys/" + tenant.keyId() + "/extra", tenant.key()))) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void frameworkManagementEndpointsAreNotServed_theyAreNotFoundProblems_withOrWithoutAKey() {
        Tenant tenant = api.signUp("management");

        for (String path : List.of(
                "/routes",
                "/beans",
                "/loggers",
                "/env",
                "/info",
                "/refresh",
                "/threaddump",
                "/caches",
                "/stop",
                "/prometheus",
                "/flyway",
                "/token_info")) {
            for (String key : java.util.Arrays.asList(null, tenant.key())) {
                ApiResponse response = api.get(path, key);

                String what = path + (key == null ? " without a key" : " with a key");
                assertThat(response.status()).as(what + ": " + response).isEqualTo(404);
                assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                assertThat(response.json().get("status").asInt()).as(what).isEqualTo(404);
            }
        }
    }

    @Test
    void healthAndItsProbesAnswerWithoutAKey() {
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            ApiResponse response = api.get(path, null);

            assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
            assertThat(response.json().get("status").asText()).as(path).isEqualTo("UP");
        }
    }

    @Test
    void wrongMethodIsAMethodNotAllowedProblem() {
        Tenant tenant = api.signUp("method");

        for (ApiResponse response : List.of(
                api.send(HttpRequest.create(HttpMethod.PATCH, "/v1/whoami").bearerAuth(tenant.key())),
                api.send(HttpRequest.DELETE("/v1/whoami").bearerAuth(tenant.key())),
                api.send(HttpRequest.PUT("/v1/api-keys", "{}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .bearerAuth(tenant.key())))) {
            assertThat(response.status()).as(response.body()).isEqualTo(405);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).endsWith("/method-not-allowed");
        }
    }

    @Test
    void bodyOfAnUnsupportedMediaTypeIsAProblem() {
        Tenant tenant = api.signUp("media");

        ApiResponse response = api.send(HttpRequest.POST("/v1/api-keys", "{\"name\":\"plain\"}")
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .bearerAuth(tenant.key()));

        assertThat(response.status()).as(response.body()).isIn(415, 400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).isNotBlank();
        assertThat(api.get("/v1/api-keys", tenant.key()).json().get("items")).hasSize(1);
    }

    @Test
    void hostileInputsGetClientErrors_neverAServerError() {
        Tenant tenant = api.signUp("hostile");
        String nul = "\\u0000";
        record Probe(String description, ApiResponse response) {}
        List<Probe> probes = List.of(
                new Probe("key name with NUL", api.post("/v1/api-keys", tenant.key(), "{\"name\":\"a" + nul + "b\"}")),
                new Probe(
                        "agent name with NUL",
                        api.post(
                                "/v1/api-keys",
                                tenant.key(),
                                "{\"name\":\"bot\",\"identity\":{\"type\":\"agent\",\"name\":\"a" + nul + "\"}}")),
                new Probe(
                        "expiry beyond the database's range",
                        api.post(
                                "/v1/api-keys",
                                tenant.key(),
                                "{\"name\":\"far\",\"expiresAt\":\"+300000-01-01T00:00:00Z\"}")),
                new Probe(
                        "expiry beyond a Timestamp",
                        api.post(
                                "/v1/api-keys",
                                tenant.key(),
                                "{\"name\":\"farther\",\"expiresAt\":\"+1000000000-12-31T23:59:59Z\"}")),
                new Probe(
                        "tenant name with NUL",
                        api.post("/v1/signup", null, "{\"tenant\":\"t" + nul + "\",\"email\":\"nul@example.com\"}")),
                new Probe("audit keyId with NUL", api.get("/v1/audit-events?keyId=%00", tenant.key())),
                new Probe(
                        "audit from beyond the database's range",
                        api.get("/v1/audit-events?from=%2B300000-01-01T00:00:00Z", tenant.key())),
                new Probe(
                        "audit to before the database's range",
                        api.get("/v1/audit-events?to=-300000-01-01T00:00:00Z", tenant.key())),
                new Probe(
                        "audit from beyond a Timestamp",
                        api.get("/v1/audit-events?from=%2B1000000000-12-31T23:59:59Z", tenant.key())),
                new Probe("own tenant id as a key id", api.delete("/v1/api-keys/" + tenant.id(), tenant.key())),
                new Probe(
                        "key id as a tenant id",
                        api.put("/admin/v1/tenants/" + tenant.keyId() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")));

        assertThat(probes).allSatisfy(probe -> {
            assertThat(probe.response().status())
                    .as(probe.description() + ": " + probe.response())
                    .isLessThan(500);
            if (probe.response().status() >= 400) {
                assertThat(probe.response().contentType())
                        .as(probe.description())
                        .startsWith("application/problem+json");
            }
        });
    }

    /**
     * The value of the first Prometheus sample named {@code name} whose labels include all of
     * {@code labels}; fails when there is none.
     */
    private static double sample(String text, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)})? (\\S+)$");
        return text.lines()
                .map(line::matcher)
                .filter(Matcher::matches)
                .filter(m -> List.of(labels).stream()
                        .allMatch(label -> m.group(1) != null
                                && List.of(m.group(1).split(",")).contains(label)))
                .map(m -> Double.parseDouble(m.group(2)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels) + " in:\n" + text));
    }
}
