package dev.artifacta.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.CapturedLogs;
import dev.artifacta.server.testing.JsonLeaves;
import dev.artifacta.server.testing.OpenApiOperations;
import dev.artifacta.server.testing.OpenApiOperations.Operation;
import dev.artifacta.server.testing.SweepWorkspace;
import dev.artifacta.server.testing.Tables;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A canary: a live API key and a live share-link token, sent through every field, query parameter,
 * path parameter and common header of every operation in the OpenAPI document. Afterwards neither
 * may be found in any table (events included), any log line, the metrics or any response but the
 * ones that created them.
 */
@MicronautTest(transactional = false)
class SecretCanaryIT extends ApiTest {

    private static final List<String> HEADERS =
            List.of("User-Agent", "X-Request-Id", "X-Forwarded-For", "Forwarded", "Referer", "Idempotency-Key");

    @Inject
    DataSource dataSource;

    private CapturedLogs logs;

    @BeforeAll
    void captureLogs() {
        logs = CapturedLogs.start();
    }

    @AfterAll
    void stopCapturing() {
        logs.close();
    }

    @Test
    void givenALiveKeyAndToken_whenSentThroughEveryFieldAndHeaderOfEveryOperation_thenNeitherIsStoredLoggedOrEchoed()
            throws Exception {
        SweepWorkspace workspace = SweepWorkspace.create(api, ADMIN_TOKEN);
        String key = api.createKey(workspace.owner.key(), "{\"name\":\"canary\"}")
                .get("key")
                .asText();
        String token = workspace.shareToken();
        int sentBefore = api.seen().size();
        var sent = new ArrayList<String>();

        List<Operation> operations = OpenApiOperations.all().stream()
                .sorted(Comparator.comparingInt(SweepWorkspace::order))
                .toList();
        for (Operation operation : operations) {
            String path = workspace.path(operation);
            String body = operation.hasJsonBody() ? workspace.validBody(operation) : null;

            MutableHttpRequest<?> headers = SweepWorkspace.withJson(
                    workspace.request(operation, path + SweepWorkspace.validQuery(operation), ADMIN_TOKEN), body);
            for (int i = 0; i < HEADERS.size(); i++) {
                String secret = i % 2 == 0 ? key : token;
                String header = HEADERS.get(i);
                headers.header(
                        header,
                        switch (header) {
                            case "X-Request-Id" -> secret;
                            // A valid key, unique per request, so that the POST runs and is kept.
                            case "Idempotency-Key" -> secret + "-" + sent.size();
                            default -> "see " + secret;
                        });
            }
            send(sent, operation, "headers", headers);

            if (!operation.queryParameters().isEmpty()) {
                String query = operation.queryParameters().stream()
                        .map(name -> name + "=" + URLEncoder.encode("see " + key, StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&", "?", ""));
                send(
                        sent,
                        operation,
                        "query",
                        SweepWorkspace.withJson(
                                workspace.request(operation, path + query, ADMIN_TOKEN),
                                operation.hasJsonBody() ? workspace.validBody(operation) : null));
            }
            if (!operation.pathParameters().isEmpty()) {
                send(
                        sent,
                        operation,
                        "path",
                        SweepWorkspace.withJson(
                                workspace.request(operation, SweepWorkspace.pathWith(operation, key), ADMIN_TOKEN),
                                operation.hasJsonBody() ? workspace.validBody(operation) : null));
            }
            if (operation.hasJsonBody()) {
                for (String leaf : JsonLeaves.leaves(body)) {
                    for (String secret : List.of("see " + key, token + "@canary.example", key)) {
                        String mutated = JsonLeaves.replace(
                                workspace.validBody(operation), leaf, node -> JsonLeaves.text(secret));
                        send(
                                sent,
                                operation,
                                "field " + leaf,
                                SweepWorkspace.withJson(workspace.request(operation, path, ADMIN_TOKEN), mutated));
                    }
                }
                if (body.contains("\"content\"")) {
                    String base64 =
                            Base64.getEncoder().encodeToString(("report with " + key).getBytes(StandardCharsets.UTF_8));
                    String mutated = JsonLeaves.replace(
                            JsonLeaves.without(workspace.validBody(operation), "content"),
                            "/contentBase64",
                            node -> JsonLeaves.text(base64));
                    send(
                            sent,
                            operation,
                            "contentBase64",
                            SweepWorkspace.withJson(workspace.request(operation, path, ADMIN_TOKEN), mutated));
                }
            }
        }
        api.get("/metrics", null);
        Thread.sleep(2_500); // let the usage counters and the views catch up, so their tables hold what they will

        Tables tables = new Tables(dataSource);
        for (String table : tables.allTables()) {
            String contents = tables.rows("SELECT * FROM " + table).toString();
            assertThat(contents.contains(key) || contents.contains(token))
                    .as("the canary is stored in table " + table + ": " + around(contents, key, token))
                    .isFalse();
        }
        for (String line : logs.lines()) {
            assertThat(line.contains(key) || line.contains(token))
                    .as("the canary is in a log line: " + around(line, key, token))
                    .isFalse();
        }
        String metrics = api.get("/metrics", null).body();
        assertThat(metrics.contains(key) || metrics.contains(token))
                .as("the canary is in the metrics")
                .isFalse();
        List<ApiResponse> responses = api.seen().subList(sentBefore, api.seen().size());
        for (int i = 0; i < responses.size(); i++) {
            ApiResponse response = responses.get(i);
            String what = i < sent.size() ? sent.get(i) : "a later request";
            assertThat(response.status()).as(what + " answered " + response).isLessThan(500);
            assertThat(response.body().contains(key) || response.body().contains(token))
                    .as(what + " echoed the canary (status " + response.status() + ")")
                    .isFalse();
            for (String header : List.of("X-Request-Id", "Location", "Content-Disposition", "ETag")) {
                String value = response.header(header);
                assertThat(value != null && (value.contains(key) || value.contains(token)))
                        .as(what + " echoed the canary in " + header)
                        .isFalse();
            }
        }
        assertThat(sent).as("the sweep reached every operation").hasSizeGreaterThan(operations.size() * 2);
        var refusedWithHostileHeaders = new ArrayList<String>();
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).endsWith("(headers)") && responses.get(i).status() >= 400) {
                refusedWithHostileHeaders.add(sent.get(i) + " " + responses.get(i));
            }
        }
        assertThat(refusedWithHostileHeaders)
                .as("only what this workspace cannot do (no sign-in configured, no checkpoint yet, the last owner)"
                        + " is refused: the others must succeed, or the sweep proves nothing")
                .allMatch(refused -> refused.contains(" /auth/")
                        || refused.contains("/checkpoints/")
                        || refused.startsWith("DELETE /v1/members/{userId}"));
        System.out.printf(
                "SecretCanaryIT: %d requests over %d operations; refused with the canary only in headers: %s%n",
                sent.size(), operations.size(), refusedWithHostileHeaders);
        assertThat(logs.lines()).as("the log capture works").isNotEmpty();
    }

    /** Where the canary occurs, with the canary itself masked so the report does not leak it. */
    private static String around(String text, String key, String token) {
        var places = new ArrayList<String>();
        for (String secret : List.of(key, token)) {
            int at = text.indexOf(secret);
            while (at >= 0 && places.size() < 12) {
                places.add(text.substring(Math.max(0, at - 120), Math.min(text.length(), at + secret.length() + 40))
                        .replace(key, "<KEY>")
                        .replace(token, "<TOKEN>"));
                at = text.indexOf(secret, at + 1);
            }
        }
        return String.join("\n  ", places);
    }

    private void send(List<String> sent, Operation operation, String what, MutableHttpRequest<?> request) {
        sent.add(operation.key() + " (" + what + ")");
        api.send(request);
    }
}
