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
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server behind a reverse proxy on the same machine ({@code artifacta.http.trusted-proxies}
 * names loopback): the client's address is the one the proxy appended to X-Forwarded-For, which
 * events record and the failed-authentication throttle counts, so clients behind one proxy are not
 * one client. What a client writes into the header itself counts for nothing.
 */
@MicronautTest(transactional = false)
class TrustedProxyIT extends ApiTest {

    private static final int MAX_FAILURES = 3;

    @Inject
    MovableClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "artifacta.http.trusted-proxies", "127.0.0.0/8,::1",
                "artifacta.auth.failure-limit.max-failures", Integer.toString(MAX_FAILURES),
                "artifacta.test.movable-clock", "true");
    }

    @BeforeEach
    void startInAFreshWindow() {
        clock.advance(Duration.ofMinutes(2));
    }

    @Test
    void givenATrustedProxy_whenItForwardsAClient_thenTheEventRecordsTheClient_notWhatTheClientClaimed() {
        Tenant tenant = api.signUp("proxied");

        ApiResponse created = api.send(HttpRequest.POST("/v1/api-keys", "{\"name\":\"via proxy\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(tenant.key())
                // The client claimed 198.51.100.66; the proxy appended the address it saw.
                .header("X-Forwarded-For", "198.51.100.66, 203.0.113.9"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode entry = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get(
                                        "/v1/audit-events?action=api_key.created&resourceId="
                                                + created.json().get("id").asText(),
                                        tenant.key())
                                .json()
                                .at("/items/0"),
                        item -> !item.isMissingNode());
        assertThat(entry.at("/request/clientAddress").asText()).isEqualTo("203.0.113.9");
    }

    @Test
    void givenClientsBehindOneProxy_whenOneGuessesKeys_thenOnlyItIsThrottled() {
        Tenant tenant = api.signUp("neighbours");
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(guess("203.0.113.20", i).status()).isEqualTo(401);
        }

        assertThat(guess("203.0.113.20", 100).status()).as("the guesser").isEqualTo(429);
        assertThat(guess("203.0.113.21", 101).status())
                .as("its neighbour behind the same proxy")
                .isEqualTo(401);
        assertThat(api.send(HttpRequest.GET("/v1/whoami")
                                .bearerAuth(tenant.key())
                                .header("X-Forwarded-For", "203.0.113.20"))
                        .status())
                .as("a valid key from the guesser's address")
                .isEqualTo(200);
    }

    private ApiResponse guess(String client, int n) {
        // A different key prefix each time, so only the address can be what is throttled.
        String key = "ak_live_" + String.format("%04d", n) + "Q".repeat(28);
        return api.send(HttpRequest.GET("/v1/whoami").bearerAuth(key).header("X-Forwarded-For", client));
    }
}
