package dev.artifacta.server.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check bites: what the document does not allow fails, what it allows passes. */
class ContractTest {

    private static final String PROBLEM =
            "{\"type\":\"https://artifacta.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404}";

    @Test
    void aServedResponseWithAnUndocumentedFieldIsDrift() {
        assertThatThrownBy(() -> Contract.check(exchange(
                        "GET", "/v1/projects/p1", Map.of("Authorization", "Bearer ak_live_x"), null, 200, """
                        {"id":"p1","slug":"s","name":"n","createdAt":"2026-01-01T00:00:00Z","colour":"red"}""")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /v1/projects/p1 -> 200")
                .hasMessageContaining("colour");
    }

    @Test
    void aStatusTheOperationDoesNotListIsCheckedAgainstItsDefaultProblem() {
        assertThatCode(() -> Contract.check(exchange("GET", "/v1/projects/p1", Map.of(), null, 503, PROBLEM)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Contract.check(exchange("GET", "/v1/projects/p1", Map.of(), null, 503, "{}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("status");
    }

    @Test
    void aServedRequestWithoutTheCredentialsTheDocumentAsksForIsDrift() {
        assertThatThrownBy(() -> Contract.check(exchange("GET", "/v1/api-keys", Map.of(), null, 200, """
                        {"items":[],"nextCursor":null}""")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("security");
    }

    @Test
    void aServedRequestOutsideTheDocumentedRangeIsDrift_aRefusedOneIsNot() {
        assertThatThrownBy(() -> Contract.check(
                        exchange("GET", "/v1/projects?limit=500", Map.of("X-API-Key", "ak_live_x"), null, 200, """
                        {"items":[],"nextCursor":null}""")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("limit");
        assertThatCode(() -> Contract.check(exchange(
                        "GET",
                        "/v1/projects?limit=500",
                        Map.of("X-API-Key", "ak_live_x"),
                        null,
                        400,
                        PROBLEM.replace("404", "400"))))
                .doesNotThrowAnyException();
    }

    @Test
    void anEmptyValueOfAParameterDocumentedAllowEmptyValueStandsForNone() {
        assertThatCode(() -> Contract.check(
                        exchange("GET", "/v1/projects?limit=", Map.of("X-API-Key", "ak_live_x"), null, 200, """
                        {"items":[],"nextCursor":null}""")))
                .doesNotThrowAnyException();
    }

    @Test
    void anUndocumentedRouteIsDriftOnlyWhenServed() {
        assertThatCode(() -> Contract.check(exchange("GET", "/v1/no-such-thing", Map.of(), null, 404, PROBLEM)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Contract.check(exchange("GET", "/v1/no-such-thing", Map.of(), null, 200, "{}")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void theRequestIdIsRequiredOnEveryAnswer() {
        var exchange = new Contract.Exchange(
                "GET",
                URI.create("/v1/projects/p1"),
                Map.of(),
                null,
                404,
                Map.of("Content-Type", List.of("application/problem+json")),
                PROBLEM.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Contract.check(exchange))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("X-Request-Id");
    }

    private static Contract.Exchange exchange(
            String method,
            String uri,
            Map<String, String> requestHeaders,
            String requestBody,
            int status,
            String body) {
        var sent = new java.util.LinkedHashMap<String, List<String>>();
        requestHeaders.forEach((name, value) -> sent.put(name, List.of(value)));
        if (requestBody != null) {
            sent.put("Content-Type", List.of("application/json"));
        }
        return new Contract.Exchange(
                method,
                URI.create(uri),
                sent,
                requestBody == null ? null : requestBody.getBytes(StandardCharsets.UTF_8),
                status,
                Map.of(
                        "Content-Type",
                        List.of(status < 400 ? "application/json" : "application/problem+json"),
                        "X-Request-Id",
                        List.of("r1")),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
