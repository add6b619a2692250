package dev.artifacta.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.MovableClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Five failed authentications from one address within a minute: every invalid key from it gets 429
 * with Retry-After until the window ends, while a valid key is never refused (a shared NAT or CI
 * runner must not lock itself out). Requests that present no key are not throttled.
 */
@MicronautTest(transactional = false)
class AuthenticationThrottleIT extends ApiTest {

    private static final int MAX_FAILURES = 5;
    private static final String UNKNOWN_KEY = "ak_live_" + "Q".repeat(32);

    @Inject
    MovableClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "artifacta.auth.failure-limit.max-failures", Integer.toString(MAX_FAILURES),
                "artifacta.auth.failure-limit.window", "1m",
                "artifacta.test.movable-clock", "true");
    }

    @BeforeEach
    void startInAFreshWindow() {
        // All requests come from the loopback address: leave any window an earlier test opened.
        clock.advance(Duration.ofMinutes(2));
    }

    @Test
    void afterFiveInvalidKeys_invalidKeysGet429UntilTheWindowEnds_butAValidKeyIsNeverRefused() {
        Tenant tenant = api.signUp("throttle");
        String revoked = revokedKeyOf(tenant);
        double throttledBefore = counter("artifacta_auth_throttled_total");
        List<String> invalid = List.of(UNKNOWN_KEY, "ak_live_short", revoked, "not-a-key-at-all", UNKNOWN_KEY);

        for (String key : invalid) {
            ApiResponse refused = api.get("/v1/whoami", key);
            assertThat(refused.status()).as(key).isEqualTo(401);
            assertThat(refused.json().get("type").asText()).endsWith("/unauthenticated");
        }

        assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);
        ApiResponse throttled = api.get("/v1/whoami", UNKNOWN_KEY);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.json().get("status").asInt()).isEqualTo(429);
        assertThat(throttled.json().get("type").asText()).endsWith("/too-many-failed-authentications");
        assertThat(throttled.body()).doesNotContain(tenant.key()).doesNotContain(tenant.id());
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);

        // Every way of presenting a valid key still works; every invalid one is throttled.
        assertThat(api.send(HttpRequest.GET("/v1/whoami").header("X-API-Key", tenant.key()))
                        .status())
                .isEqualTo(200);
        assertThat(api.send(HttpRequest.GET("/v1/whoami").header("X-API-Key", "not-a-key"))
                        .status())
                .isEqualTo(429);
        assertThat(api.post("/v1/artifacts", tenant.key(), "{\"title\":\"t\",\"content\":\"c\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/v1/whoami", revoked).status()).isEqualTo(429);
        assertThat(counter("artifacta_auth_throttled_total") - throttledBefore).isEqualTo(3.0);

        clock.advance(Duration.ofSeconds(30));
        ApiResponse later = api.get("/v1/whoami", UNKNOWN_KEY);
        assertThat(later.status()).isEqualTo(429);
        assertThat(Long.parseLong(later.header("Retry-After"))).isBetween(1L, 30L);

        clock.advance(Duration.ofSeconds(31));
        ApiResponse again = api.get("/v1/whoami", UNKNOWN_KEY);
        assertThat(again.status()).as(again.toString()).isEqualTo(401);
    }

    @Test
    void fourFailuresAreNotEnough_andTheyAreForgottenWithTheWindow() {
        Tenant tenant = api.signUp("under");
        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            assertThat(api.get("/v1/whoami", UNKNOWN_KEY).status()).isEqualTo(401);
        }
        assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(61));
        // A new window: four more failures still do not reach the limit of five.
        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            assertThat(api.get("/v1/whoami", UNKNOWN_KEY).status()).isEqualTo(401);
        }
        assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);
        // A request without a key is refused (401) but is not a failed authentication.
        assertThat(api.get("/v1/whoami", null).status()).isEqualTo(401);
        assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);
        assertThat(api.get("/v1/whoami", UNKNOWN_KEY).status()).isEqualTo(401);
        assertThat(api.get("/v1/whoami", UNKNOWN_KEY).status()).isEqualTo(429);
        assertThat(api.get("/v1/whoami", tenant.key()).status()).isEqualTo(200);
    }

    @Test
    void whileThrottled_requestsWithoutAKeyToPublicRoutesAreServed() {
        Tenant tenant = api.signUp("public");
        ApiResponse created =
                api.post("/v1/artifacts", tenant.key(), "{\"title\":\"Public notes\",\"content\":\"hello\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String artifact = created.json().get("id").asText();
        throttle();
        assertThat(api.get("/v1/whoami", UNKNOWN_KEY).status()).isEqualTo(429);

        // Free-plan artifacts are public: an anonymous read is no authentication and is not throttled.
        ApiResponse anonymous = api.get("/v1/artifacts/" + artifact, null);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(200);
        assertThat(api.get("/v1/artifacts/" + artifact + "/content", null).body())
                .isEqualTo("hello");
        String name = "signup-" + UUID.randomUUID().toString().substring(0, 8);
        ApiResponse signup = api.send(
                HttpRequest.POST("/v1/signup", "{\"tenant\":\"" + name + "\",\"email\":\"owner@" + name + ".example\"}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        assertThat(api.get("/metrics", null).status()).isEqualTo(200);
        // The same public route with an invalid key is throttled; with a valid one it is served.
        assertThat(api.get("/v1/artifacts/" + artifact, UNKNOWN_KEY).status()).isEqualTo(429);
        assertThat(api.get("/v1/artifacts/" + artifact, tenant.key()).status()).isEqualTo(200);
    }

    @Test
    void aForwardedForHeaderDoesNotEscapeTheThrottle() {
        throttle();

        for (String header : List.of("X-Forwarded-For", "X-Real-IP", "Forwarded")) {
            String value = "Forwarded".equals(header) ? "for=203.0.113.9" : "203.0.113.9";
            ApiResponse response = api.send(
                    HttpRequest.GET("/v1/whoami").bearerAuth(UNKNOWN_KEY).header(header, value));
            assertThat(response.status()).as(header).isEqualTo(429);
        }
    }

    @Test
    void givenNoTrustedProxy_whenAGuesserRotatesXForwardedFor_thenItIsStillThrottledByItsRealAddress() {
        for (int i = 0; i < MAX_FAILURES; i++) {
            api.send(HttpRequest.GET("/v1/whoami")
                    .bearerAuth("ak_live_" + String.format("%04d", i) + "R".repeat(28))
                    .header("X-Forwarded-For", "203.0.113." + i));
        }

        ApiResponse throttled = api.send(HttpRequest.GET("/v1/whoami")
                .bearerAuth("ak_live_" + "9999" + "R".repeat(28))
                .header("X-Forwarded-For", "203.0.113.99"));

        assertThat(throttled.status()).isEqualTo(429);
    }

    @Test
    void throttledRequestsAreCountedInMetrics_andRecordNoAuditEntry() {
        Tenant tenant = api.signUp("metrics");
        JsonNode auditor = api.createKey(tenant.key(), "{\"name\":\"auditor\",\"scopes\":[\"audit:read\"]}");
        int entriesBefore = api.get("/v1/audit-events?limit=200", tenant.key())
                .json()
                .get("items")
                .size();
        double failuresBefore = counter("artifacta_auth_failures_total");
        double throttledBefore = counter("artifacta_auth_throttled_total");

        throttle();
        String guess = "ak_live_" + "R".repeat(32);
        assertThat(api.get("/v1/audit-events", guess).status()).isEqualTo(429);
        assertThat(api.get("/v1/api-keys", guess).status()).isEqualTo(429);
        assertThat(api.get("/v1/audit-events", auditor.get("key").asText()).status())
                .isEqualTo(200);

        String scrape = api.get("/metrics", null).body();
        assertThat(scrape).contains("artifacta_auth_throttled_total");
        assertThat(counter("artifacta_auth_throttled_total") - throttledBefore).isEqualTo(2.0);
        // The throttled guesses failed too.
        assertThat(counter("artifacta_auth_failures_total") - failuresBefore).isEqualTo(MAX_FAILURES + 2);

        clock.advance(Duration.ofSeconds(61));
        ApiResponse audit = api.get("/v1/audit-events?limit=200", tenant.key());
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("items").size()).isEqualTo(entriesBefore);
    }

    /** Five failed authentications from this test's (loopback) address. */
    private void throttle() {
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(api.get("/v1/whoami", UNKNOWN_KEY).status()).isEqualTo(401);
        }
    }

    private String revokedKeyOf(Tenant tenant) {
        JsonNode created = api.createKey(tenant.key(), "{\"name\":\"soon revoked\"}");
        assertThat(api.delete("/v1/api-keys/" + created.get("id").asText(), tenant.key())
                        .status())
                .isEqualTo(200);
        return created.get("key").asText();
    }

    /** The sum of a Prometheus counter over all its label sets (0 when absent). */
    private double counter(String name) {
        ApiResponse scrape = api.get("/metrics", null);
        assertThat(scrape.status()).isEqualTo(200);
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+([0-9.eE+-]+)$")
                .matcher(scrape.body());
        double sum = 0;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(2));
        }
        return sum;
    }
}
