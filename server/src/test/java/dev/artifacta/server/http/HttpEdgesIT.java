package dev.artifacta.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.RawHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests at the edges of HTTP and JSON get a problem that says what is wrong, never a 500 or silence. */
@MicronautTest(transactional = false)
class HttpEdgesIT extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Test
    void givenANulInAQueryParameter_whenListing_thenBadRequestProblem() {
        Tenant tenant = api.signUp("nul-query");

        ApiResponse response = api.get("/v1/artifacts?project=%00", tenant.key());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains("project");
    }

    @Test
    void givenA16KbHeader_thenRequestHeaderFieldsTooLargeProblem() throws Exception {
        RawHttp.Response response = RawHttp.exchange(
                server.getPort(),
                "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(16 * 1024) + "\r\n\r\n",
                Duration.ofSeconds(10));

        assertThat(response.status()).as(response.head()).isEqualTo(431);
        assertThat(assertProblem(response, "request-header-fields-too-large")
                        .get("detail")
                        .asText())
                .contains("headers");
    }

    @Test
    void givenAOneMegabyteHeader_thenRequestHeaderFieldsTooLargeProblem() throws Exception {
        RawHttp.Response response = RawHttp.exchange(
                server.getPort(),
                "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(1024 * 1024) + "\r\n\r\n",
                Duration.ofSeconds(10));

        assertThat(response.status()).as(response.head()).isEqualTo(431);
        assertProblem(response, "request-header-fields-too-large");
    }

    @Test
    void givenAJsonBodyWithoutContentType_thenUnsupportedMediaTypeProblem() throws Exception {
        Tenant tenant = api.signUp("no-content-type");
        String body = "{\"name\":\"untyped\"}";

        RawHttp.Response response = RawHttp.exchange(
                server.getPort(),
                "POST /v1/api-keys HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + tenant.key()
                        + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                Duration.ofSeconds(10));

        assertThat(response.status()).as(response.head()).isEqualTo(415);
        assertProblem(response, "unsupported-media-type");
        assertThat(api.get("/v1/api-keys", tenant.key()).body()).doesNotContain("untyped");
    }

    @Test
    void givenAnArrayForAStringField_thenTheProblemNamesTheFieldAndTheExpectedType() {
        Tenant tenant = api.signUp("array-field");

        ApiResponse response = api.post("/v1/api-keys", tenant.key(), "{\"name\":[\"a\"]}");

        assertThat(response.status()).isEqualTo(400);
        String detail = response.json().get("detail").asText();
        assertThat(detail).contains("'name'").contains("string").doesNotContain("NUL");
    }

    @Test
    void givenAnUnknownField_thenTheProblemNamesIt() {
        Tenant tenant = api.signUp("unknown-field");

        ApiResponse response =
                api.post("/v1/api-keys", tenant.key(), "{\"name\":\"k\",\"scope\":[\"artifacts:read\"]}");

        assertThat(response.status()).isEqualTo(400);
        String detail = response.json().get("detail").asText();
        assertThat(detail).contains("unknown field 'scope'").doesNotContain("Failed to convert");
    }

    private static JsonNode assertProblem(RawHttp.Response response, String slug) throws Exception {
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).endsWith("/" + slug);
        return problem;
    }
}
