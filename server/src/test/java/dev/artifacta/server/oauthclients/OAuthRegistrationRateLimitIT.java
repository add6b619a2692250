package dev.artifacta.server.oauthclients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Self-registration is an anonymous write: an address gets a limited number an hour, then 429. */
@MicronautTest(transactional = false)
class OAuthRegistrationRateLimitIT extends ApiTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.oauth.registration.rate-limit.max", "2");
    }

    private ApiResponse register() {
        return api.send(HttpRequest.POST("/oauth/register", "{\"redirect_uris\":[\"http://127.0.0.1:4000/cb\"]}")
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    @Test
    void givenTheLimitIsSpent_theNextRegistrationIsTooManyRequestsWithRetryAfter() {
        assertThat(register().status()).isEqualTo(201);
        assertThat(register().status()).isEqualTo(201);

        ApiResponse refused = register();

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    }
}
