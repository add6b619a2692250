package dev.artifacta.server.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.RawHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Signing up is the one write anyone may attempt: it is limited before any work is done. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignupLimitsIT extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SIGNUPS = 5;

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "artifacta.signup.rate-limit.max-signups",
                Integer.toString(MAX_SIGNUPS),
                "artifacta.signup.rate-limit.window",
                "1h");
    }

    @Test
    @Order(1)
    void givenAHugeDeclaredBody_whenSigningUp_then413BeforeTheBodyIsSent() throws Exception {
        // 39 MB announced, a few bytes sent: an answer can only come from the headers.
        RawHttp.Response response = RawHttp.exchange(
                server.getPort(),
                "POST /v1/signup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 39000000\r\n\r\n{\"tenant\":\"",
                Duration.ofSeconds(10));

        assertThat(response.status()).as(response.head()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).endsWith("/payload-too-large");
        assertThat(problem.get("detail").asText()).contains("16384");
    }

    @Test
    @Order(2)
    void givenABodyWithoutALength_whenSigningUp_thenRefusedBeforeItIsRead() throws Exception {
        RawHttp.Response response = RawHttp.exchange(
                server.getPort(),
                "POST /v1/signup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n10000\r\n{\"tenant\":\"",
                Duration.ofSeconds(10));

        assertThat(response.status()).as(response.head()).isEqualTo(411);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    @Order(3)
    void givenABodyJustOverTheCap_whenSigningUp_then413Problem() {
        String name = "x".repeat(17_000);
        ApiResponse response =
                api.post("/v1/signup", null, "{\"tenant\":\"" + name + "\",\"email\":\"owner@example.com\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("type").asText()).endsWith("/payload-too-large");
    }

    @Test
    @Order(4)
    void givenTheAddressSignedUpItsLimit_whenItSignsUpAgain_then429WithRetryAfter() {
        // The refused attempts above count too: limits apply before the body is looked at.
        ApiResponse last = null;
        int created = 0;
        for (int i = 0; i < MAX_SIGNUPS + 1; i++) {
            String name = "limited-" + UUID.randomUUID().toString().substring(0, 8);
            last = api.post(
                    "/v1/signup", null, "{\"tenant\":\"" + name + "\",\"email\":\"owner@" + name + ".example\"}");
            if (last.status() != 201) {
                break;
            }
            created++;
        }

        assertThat(created).isEqualTo(MAX_SIGNUPS - 3);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.json().get("type").asText()).endsWith("/too-many-signups");
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
    }
}
