package dev.artifacta.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.JsonLeaves;
import dev.artifacta.server.testing.OpenApiOperations;
import dev.artifacta.server.testing.OpenApiOperations.Operation;
import dev.artifacta.server.testing.SweepWorkspace;
import dev.artifacta.server.testing.Tables;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A corpus of bad input generated from the OpenAPI document: every operation with malformed JSON,
 * wrong types, missing and unknown fields, control characters, huge values, bad ids, bad query
 * values and wrong content types. No answer may be a 5xx, every refusal is an RFC 9457 problem,
 * and a refused request appends no event (refusals of the caller's rights, 401 and 403, are
 * audited by design).
 */
@MicronautTest(transactional = false)
class BadInputCorpusIT extends ApiTest {

    private static final String HUGE = "x".repeat(100_000);
    private static final List<String> BAD_IDS = List.of(
            "nope",
            "..",
            "%2e%2e%2f%2e%2e%2fetc",
            "\u0000",
            "a\r\nb",
            "\u202eevil",
            "9".repeat(40),
            "x".repeat(1_000),
            UUID.randomUUID().toString(),
            "-1",
            "' OR '1'='1");
    private static final List<String> BAD_QUERY_VALUES = List.of(
            "", "-1", "0", "abc", "99999999999999999999", "1.5", "\u0000", "x".repeat(2_000), "%", "[]", "true");

    @Inject
    DataSource dataSource;

    private record Case(String operation, String what, Supplier<MutableHttpRequest<?>> request) {}

    @Test
    void givenEveryOperation_whenSentBadInput_thenEveryAnswerIsAProblemBelow500_andNoRefusalAppendsAnEvent() {
        SweepWorkspace workspace = SweepWorkspace.create(api, ADMIN_TOKEN);
        Tables tables = new Tables(dataSource);
        List<Operation> operations = OpenApiOperations.all().stream()
                .sorted(Comparator.comparingInt(SweepWorkspace::order))
                .toList();
        var cases = new ArrayList<Case>();
        for (Operation operation : operations) {
            cases.addAll(casesFor(operation, workspace));
        }

        var failures = new ArrayList<String>();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (Case c : cases) {
            long eventsBefore = events(tables);
            ApiResponse response = api.send(c.request().get());
            long appended = events(tables) - eventsBefore;
            statuses.merge(response.status(), 1, Integer::sum);
            String label = c.operation() + " with " + c.what() + " → " + abbreviated(response);
            if (response.status() >= 500) {
                failures.add("5xx: " + label);
            } else if (response.status() >= 400) {
                String problem = problemDefect(response);
                if (problem != null) {
                    failures.add(problem + ": " + label);
                }
                if (appended > 0 && response.status() != 401 && response.status() != 403) {
                    failures.add("refused yet appended " + appended + " event(s): " + label);
                }
            }
        }
        System.out.printf(
                "BadInputCorpusIT: %d cases over %d operations, answers by status %s%n",
                cases.size(), operations.size(), statuses);

        assertThat(failures).as("cases that failed, of " + cases.size()).isEmpty();
        assertThat(cases.size()).as("the corpus covers every operation").isGreaterThan(operations.size() * 10);
    }

    private static List<Case> casesFor(Operation operation, SweepWorkspace workspace) {
        var cases = new ArrayList<Case>();
        String op = operation.key();
        String path = workspace.path(operation);
        String query = SweepWorkspace.validQuery(operation);
        Supplier<String> valid = () -> operation.hasJsonBody() ? workspace.validBody(operation) : null;

        for (String id : operation.pathParameters().isEmpty() ? List.<String>of() : BAD_IDS) {
            cases.add(new Case(
                    op,
                    "path parameters '" + printable(id) + "'",
                    () -> SweepWorkspace.withJson(
                            workspace.request(operation, SweepWorkspace.pathWith(operation, id) + query, ADMIN_TOKEN),
                            valid.get())));
        }
        for (String parameter : operation.queryParameters()) {
            for (String value : BAD_QUERY_VALUES) {
                String bad = "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                cases.add(new Case(
                        op,
                        "query " + parameter + "='" + printable(value) + "'",
                        () -> SweepWorkspace.withJson(
                                workspace.request(operation, path + bad, ADMIN_TOKEN), valid.get())));
            }
        }
        if (!operation.hasJsonBody()) {
            return cases;
        }
        String sample = workspace.validBody(operation);
        Map<String, Supplier<String>> bodies = new LinkedHashMap<>();
        bodies.put("an empty body", () -> "");
        bodies.put("malformed JSON", () -> "{\"oops\": ");
        bodies.put("a truncated body", () -> {
            String body = valid.get();
            return body.substring(0, body.length() - 1);
        });
        bodies.put("a JSON array", () -> "[]");
        bodies.put("JSON null", () -> "null");
        bodies.put("a JSON string", () -> "\"text\"");
        bodies.put(
                "an unknown field",
                () -> JsonLeaves.parse(valid.get()) instanceof com.fasterxml.jackson.databind.node.ObjectNode o
                        ? o.put("surprise", 1).toString()
                        : valid.get());
        for (String field : JsonLeaves.fields(sample)) {
            bodies.put("no '" + field + "'", () -> JsonLeaves.without(valid.get(), field));
            bodies.put("'" + field + "' null", () -> JsonLeaves.replace(valid.get(), "/" + field, node -> null));
        }
        for (String leaf : JsonLeaves.leaves(sample)) {
            bodies.put(
                    leaf + " as a number",
                    () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.parse("123")));
            bodies.put(
                    leaf + " as a string", () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.text("x")));
            bodies.put(
                    leaf + " as an object",
                    () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.parse("{}")));
            bodies.put(
                    leaf + " as an array",
                    () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.parse("[\"a\"]")));
            bodies.put(
                    leaf + " as a boolean",
                    () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.parse("true")));
            bodies.put(
                    leaf + " as a huge number",
                    () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.parse("1" + "0".repeat(400))));
            bodies.put(
                    leaf + " with control characters",
                    () -> JsonLeaves.replace(
                            valid.get(), leaf, node -> JsonLeaves.text("a\u0001b\r\nc\u0085d\u2028e")));
            bodies.put(
                    leaf + " with a NUL",
                    () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.text("a\u0000b")));
            bodies.put(
                    leaf + " with a lone surrogate",
                    () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.text("a\ud800b")));
            bodies.put(leaf + " blank", () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.text("  ")));
            bodies.put(leaf + " huge", () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.text(HUGE)));
            bodies.put(
                    leaf + " right-to-left override",
                    () -> JsonLeaves.replace(valid.get(), leaf, node -> JsonLeaves.text("\u202egnp.exe")));
        }
        bodies.forEach((what, body) -> cases.add(new Case(
                op,
                what,
                () -> SweepWorkspace.withJson(workspace.request(operation, path + query, ADMIN_TOKEN), body.get()))));
        for (String type : List.of(
                "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/octet-stream")) {
            if (operation.bodyTypes().contains(type)) {
                continue;
            }
            cases.add(new Case(op, "Content-Type " + type, () -> workspace
                    .request(operation, path + query, ADMIN_TOKEN)
                    .body(valid.get())
                    .contentType(MediaType.of(type))));
        }
        cases.add(new Case(op, "no Content-Type", () -> workspace
                .request(operation, path + query, ADMIN_TOKEN)
                .body(valid.get())));
        return cases;
    }

    /** What is wrong with an error response as a problem, or null when it is a good one. */
    private static String problemDefect(ApiResponse response) {
        if (response.contentType() == null || !response.contentType().startsWith("application/problem+json")) {
            return "not a problem (" + response.contentType() + ")";
        }
        JsonNode problem;
        try {
            problem = response.json();
        } catch (AssertionError e) {
            return "a problem that is not JSON";
        }
        if (problem.path("status").asInt() != response.status()
                || problem.path("title").asText().isEmpty()
                || problem.path("type").asText().isEmpty()) {
            return "a problem without a matching status, a title and a type";
        }
        return null;
    }

    private static long events(Tables tables) {
        return ((Number) tables.rows("SELECT COUNT(*) AS n FROM domain_event_entry")
                        .get(0)
                        .get("n"))
                .longValue();
    }

    private static String printable(String value) {
        String shown = value.length() > 24 ? value.substring(0, 24) + "…(" + value.length() + ")" : value;
        var out = new StringBuilder();
        shown.codePoints()
                .forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }

    private static String abbreviated(ApiResponse response) {
        String body = response.body();
        return response.status() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
}
