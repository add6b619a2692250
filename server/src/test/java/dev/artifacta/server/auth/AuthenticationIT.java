package dev.artifacta.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuthenticationIT extends ApiTest {

    private static final List<String> PROTECTED = List.of("/v1/whoami", "/v1/api-keys");
    /** Well-formed (ak_live_ and 32 letters and digits) but never issued. */
    private static final String UNKNOWN_KEY = "ak_live_" + "Zz9".repeat(10) + "Q7";

    private static final String UUID_SHAPE = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    @Test
    void givenNoKey_whenAProtectedEndpointIsCalled_thenUnauthenticatedWithBearerChallenge() {
        for (String path : PROTECTED) {
            ApiResponse response = api.get(path, null);

            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(path).startsWith("Bearer");
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(path).endsWith("/unauthenticated");
            assertThat(response.json().get("status").asInt()).as(path).isEqualTo(401);
            assertThat(response.json().get("detail").asText()).as(path).contains("API key");
        }
    }

    @Test
    void malformedCredentialsAreRejected() {
        List<String> authorizations = List.of(
                "Bearer abc",
                "Basic xyz",
                "Bearer ak_live_" + "a".repeat(31),
                "Bearer ak_live_" + "a".repeat(31) + "!",
                "Bearer ak_live_" + "a".repeat(30) + "-_",
                "Bearer ak_test_" + "a".repeat(32),
                "Bearer ");

        for (String path : PROTECTED) {
            for (String authorization : authorizations) {
                ApiResponse response = api.send(HttpRequest.GET(path).header("Authorization", authorization));

                assertThat(response.status())
                        .as(path + " with " + authorization)
                        .isEqualTo(401);
                assertThat(response.header("WWW-Authenticate"))
                        .as(authorization)
                        .startsWith("Bearer");
                assertThat(response.contentType()).as(authorization).startsWith("application/problem+json");
            }
            ApiResponse viaHeader = api.send(HttpRequest.GET(path).header("X-API-Key", "ak_live_" + "b".repeat(31)));
            assertThat(viaHeader.status()).as(path + " with a short X-API-Key").isEqualTo(401);
        }
    }

    @Test
    void givenWellFormedKeyThatWasNeverIssued_whenUsed_thenUnauthenticated() {
        for (String path : PROTECTED) {
            ApiResponse bearer = api.get(path, UNKNOWN_KEY);
            ApiResponse header = api.send(HttpRequest.GET(path).header("X-API-Key", UNKNOWN_KEY));

            for (ApiResponse response : List.of(bearer, header)) {
                assertThat(response.status()).as(path).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).as(path).startsWith("Bearer");
                assertThat(response.json().get("detail").asText()).as(path).contains("not recognised");
            }
        }
    }

    @Test
    void givenValidKey_whenSentAsBearerOrAsXApiKey_thenBothAuthenticate() {
        Tenant tenant = api.signUp("headers");

        for (String path : PROTECTED) {
            ApiResponse bearer = api.get(path, tenant.key());
            ApiResponse header = api.send(HttpRequest.GET(path).header("X-API-Key", tenant.key()));

            assertThat(bearer.status()).as(path + " via Authorization").isEqualTo(200);
            assertThat(header.status()).as(path + " via X-API-Key").isEqualTo(200);
        }
        ApiResponse whoami = api.send(HttpRequest.GET("/v1/whoami").header("X-API-Key", tenant.key()));
        assertThat(whoami.json().at("/tenant/id").asText()).isEqualTo(tenant.id());
        assertThat(whoami.json().at("/key/id").asText()).isEqualTo(tenant.keyId());
    }

    @Test
    void revokedKeyIsRejectedOnTheNextRequest() {
        Tenant tenant = api.signUp("revoked");
        JsonNode created = api.createKey(tenant.key(), "{\"name\":\"doomed\",\"scopes\":[\"agents:manage\"]}");
        String key = created.get("key").asText();
        assertThat(api.get("/v1/api-keys", key).status()).isEqualTo(200);

        assertThat(api.delete("/v1/api-keys/" + created.get("id").asText(), tenant.key())
                        .status())
                .isEqualTo(200);

        for (MutableHttpRequest<?> next : List.of(
                HttpRequest.GET("/v1/api-keys").bearerAuth(key),
                HttpRequest.GET("/v1/whoami").header("X-API-Key", key))) {
            ApiResponse refused = api.send(next);
            assertThat(refused.status()).as(next.getPath()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(refused.json().get("detail").asText()).contains("revoked");
        }
        assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);
    }

    @Test
    void unauthenticatedAnswersNeverQuoteThePresentedKey() {
        Tenant tenant = api.signUp("echo");
        String revoked = revokedKeyOf(tenant, "echo-revoked");
        List<String> presented = List.of(
                UNKNOWN_KEY,
                revoked,
                "ak_live_" + "Q".repeat(31),
                "ak_live_" + "Q".repeat(31) + "%",
                "ak_live_" + "Q".repeat(40),
                "secret-token-" + "x".repeat(20));

        for (String key : presented) {
            List<ApiResponse> refusals = new ArrayList<>();
            for (String path : PROTECTED) {
                refusals.add(api.send(HttpRequest.GET(path).header("Authorization", "Bearer " + key)));
                refusals.add(api.send(HttpRequest.GET(path).header("X-API-Key", key)));
                refusals.add(api.send(HttpRequest.GET(path).header("Authorization", "Basic " + key)));
            }
            for (ApiResponse refusal : refusals) {
                assertThat(refusal.status()).isEqualTo(401);
                assertThat(refusal.json().get("detail").asText()).as(key).doesNotContain(key);
                assertThat(refusal.body()).as(key).doesNotContain(key);
            }
        }
    }

    @Test
    void givenClientRequestId_whenAnswered_thenTheSameIdIsEchoed_alsoOnRefusals() {
        Tenant tenant = api.signUp("reqid");

        ApiResponse ok = api.send(
                HttpRequest.GET("/v1/whoami").bearerAuth(tenant.key()).header("X-Request-Id", "trace-ok.42:a"));
        ApiResponse refused = api.send(HttpRequest.GET("/v1/api-keys").header("X-Request-Id", "trace-refused-7"));
        ApiResponse malformed = api.send(HttpRequest.GET("/v1/whoami")
                .header("Authorization", "Basic xyz")
                .header("X-Request-Id", "trace-malformed-8"));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("X-Request-Id")).isEqualTo("trace-ok.42:a");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("X-Request-Id")).isEqualTo("trace-refused-7");
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.header("X-Request-Id")).isEqualTo("trace-malformed-8");
    }

    @Test
    void givenNoRequestId_whenAnswered_thenAFreshIdIsReturned_alsoOnRefusals() {
        Tenant tenant = api.signUp("genid");

        ApiResponse first = api.get("/v1/whoami", tenant.key());
        ApiResponse second = api.get("/v1/whoami", tenant.key());
        ApiResponse refused = api.get("/v1/whoami", null);

        assertThat(first.header("X-Request-Id")).matches(UUID_SHAPE);
        assertThat(second.header("X-Request-Id")).matches(UUID_SHAPE).isNotEqualTo(first.header("X-Request-Id"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("X-Request-Id")).matches(UUID_SHAPE);
    }

    @Test
    void givenUnsafeRequestId_whenAnswered_thenItIsReplacedByAFreshOne() {
        Tenant tenant = api.signUp("badid");

        for (String unsafe : List.of("has space", "x".repeat(129), "<script>", "a;b")) {
            ApiResponse response = api.send(
                    HttpRequest.GET("/v1/whoami").bearerAuth(tenant.key()).header("X-Request-Id", unsafe));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Request-Id")).as(unsafe).matches(UUID_SHAPE);
        }
    }

    @Test
    void givenFailures_whenMetricsAreScraped_thenFailuresAreCountedByReason() {
        Tenant tenant = api.signUp("metrics");
        String revoked = revokedKeyOf(tenant, "metrics-revoked");
        Map<String, Double> before = authFailures();

        api.get("/v1/whoami", null);
        api.get("/v1/api-keys", null);
        api.send(HttpRequest.GET("/v1/whoami").header("Authorization", "Basic xyz"));
        api.get("/v1/whoami", "abc");
        api.get("/v1/whoami", "ak_live_" + "a".repeat(31));
        api.get("/v1/whoami", UNKNOWN_KEY);
        api.get("/v1/whoami", revoked);
        api.get("/v1/whoami", tenant.key());

        Map<String, Double> after = authFailures();
        assertThat(after.getOrDefault("missing", 0.0) - before.getOrDefault("missing", 0.0))
                .isEqualTo(2.0);
        assertThat(after.getOrDefault("malformed", 0.0) - before.getOrDefault("malformed", 0.0))
                .isEqualTo(3.0);
        assertThat(after.getOrDefault("unknown", 0.0) - before.getOrDefault("unknown", 0.0))
                .isEqualTo(1.0);
        assertThat(after.getOrDefault("revoked", 0.0) - before.getOrDefault("revoked", 0.0))
                .isEqualTo(1.0);
    }

    /** A key of the tenant that was created and then revoked. */
    private String revokedKeyOf(Tenant tenant, String name) {
        JsonNode created = api.createKey(tenant.key(), "{\"name\":\"" + name + "\"}");
        assertThat(api.delete("/v1/api-keys/" + created.get("id").asText(), tenant.key())
                        .status())
                .isEqualTo(200);
        return created.get("key").asText();
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
}
