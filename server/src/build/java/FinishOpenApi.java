import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Finishes the OpenAPI document that micronaut-openapi generates from the controllers, with what
 * annotations cannot say there.
 *
 * <p>First, what the server's filters and error handlers do to every operation, which the
 * annotation processor cannot see (nor be told: it turns a {@code default} response into the
 * success response, and gives the success responses it derives no headers):
 *
 * <ul>
 *   <li>{@code RequestIdFilter}: every response carries {@code X-Request-Id};
 *   <li>{@code IdempotencyFilter}: every POST under /v1/ and /admin/ takes {@code Idempotency-Key},
 *       answers a replay with {@code Idempotent-Replayed: true}, a retry while the first runs with
 *       409 and {@code Retry-After}, and a key reused for another request with 422;
 *   <li>{@code RequestShapeFilter}: any operation answers a query parameter with a NUL character
 *       with 400, and one that reads a body answers a body without {@code Content-Type} with 415;
 *   <li>{@code NotModifiedFilter}: a GET whose 200 carries an {@code ETag} takes
 *       {@code If-None-Match} and may answer 304;
 *   <li>the error handlers: any operation may answer a problem ({@code default}).
 * </ul>
 *
 * <p>Second, a nullable reference in the form OpenAPI 3.0.3 gives it a meaning: micronaut-openapi
 * writes {@code {nullable: true, allOf: [{$ref}]}}, where {@code nullable} has no effect without a
 * {@code type} and the referenced schema refuses null (validators say so); it becomes
 * {@code {type: object, nullable: true, anyOf: [{$ref}, {type: object, nullable: true, enum: [null]}]}},
 * which validators accept null for, and generators read as a nullable reference.
 *
 * <p>The build runs it after compiling (server/pom.xml, exec-maven-plugin) on
 * target/classes/META-INF/swagger/artifacta-v1.yml; running it twice changes nothing.
 */
public final class FinishOpenApi {

    private static final String PROBLEM = "application/problem+json";
    private static final List<String> METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private FinishOpenApi() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Map<String, Object> document;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new LoaderOptions()).load(in);
        }
        addComponents(document);
        nullableReferences(document);
        map(document, "paths").forEach((path, item) -> {
            @SuppressWarnings("unchecked")
            var operations = (Map<String, Object>) item;
            for (String method : METHODS) {
                @SuppressWarnings("unchecked")
                var operation = (Map<String, Object>) operations.get(method);
                if (operation != null) {
                    complete(path, method, operation);
                }
            }
        });
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        options.setSplitLines(true);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new Yaml(options).dump(document, out);
        }
    }

    private static void complete(String path, String method, Map<String, Object> operation) {
        Map<String, Object> responses = map(operation, "responses");
        boolean idempotent = method.equals("post") && (path.startsWith("/v1/") || path.startsWith("/admin/"));
        if (idempotent) {
            addParameter(operation, "#/components/parameters/IdempotencyKey");
            if (responses.get("409") instanceof Map<?, ?> conflict && !conflict.containsKey("$ref")) {
                String description = String.valueOf(conflict.get("description"));
                if (!description.contains("idempotent-request-in-progress")) {
                    map(responses, "409")
                            .put(
                                    "description",
                                    description + " Also a retry while the first request with its Idempotency-Key"
                                            + " still runs (idempotent-request-in-progress, with Retry-After).");
                }
                map(map(responses, "409"), "headers").putIfAbsent("Retry-After", ref("#/components/headers/RetryAfter"));
            } else {
                responses.putIfAbsent("409", ref("#/components/responses/IdempotentRequestInProgress"));
            }
            responses.putIfAbsent("422", ref("#/components/responses/IdempotencyKeyReused"));
        }
        if (method.equals("get") && responses.get("200") instanceof Map<?, ?> ok && headersOf(ok).containsKey("ETag")) {
            addParameter(operation, "#/components/parameters/IfNoneMatch");
            responses.putIfAbsent("304", ref("#/components/responses/NotModified"));
        }
        responses.putIfAbsent("400", ref("#/components/responses/BadRequest"));
        if (operation.containsKey("requestBody")) {
            responses.putIfAbsent("415", ref("#/components/responses/UnsupportedMediaType"));
        }
        responses.putIfAbsent("default", ref("#/components/responses/Problem"));
        responses.forEach((status, value) -> {
            @SuppressWarnings("unchecked")
            var response = (Map<String, Object>) value;
            if (response.containsKey("$ref")) {
                return;
            }
            Map<String, Object> headers = map(response, "headers");
            headers.putIfAbsent("X-Request-Id", ref("#/components/headers/XRequestId"));
            if (idempotent && status.startsWith("2")) {
                headers.putIfAbsent("Idempotent-Replayed", ref("#/components/headers/IdempotentReplayed"));
            }
        });
    }

    /** Rewrites every nullable reference below {@code node} (see the class comment). */
    @SuppressWarnings("unchecked")
    private static void nullableReferences(Object node) {
        if (node instanceof List<?> list) {
            list.forEach(FinishOpenApi::nullableReferences);
        } else if (node instanceof Map<?, ?> map) {
            var schema = (Map<String, Object>) map;
            if (Boolean.TRUE.equals(schema.get("nullable"))
                    && !schema.containsKey("type")
                    && schema.get("allOf") instanceof List<?> allOf
                    && allOf.size() == 1
                    && allOf.getFirst() instanceof Map<?, ?> reference
                    && reference.containsKey("$ref")) {
                schema.remove("allOf");
                schema.remove("nullable");
                schema.put("type", "object");
                schema.put("nullable", true);
                schema.put(
                        "anyOf",
                        new ArrayList<Object>(List.of(
                                reference, ordered("type", "object", "nullable", true, "enum", nullOnly()))));
            }
            schema.values().forEach(FinishOpenApi::nullableReferences);
        }
    }

    private static List<Object> nullOnly() {
        var values = new ArrayList<Object>();
        values.add(null);
        return values;
    }

    private static void addComponents(Map<String, Object> document) {
        Map<String, Object> components = map(document, "components");
        Map<String, Object> headers = map(components, "headers");
        headers.put(
                "XRequestId",
                ordered(
                        "description",
                        "The request's id: the client's own X-Request-Id when it sent a short safe one, else a new"
                                + " UUID. Recorded with every event the request caused.",
                        "required",
                        true,
                        "schema",
                        ordered("type", "string")));
        headers.put(
                "IdempotentReplayed",
                ordered(
                        "description",
                        "true when this is the kept answer to an earlier request with the same Idempotency-Key.",
                        "schema",
                        ordered("type", "string", "enum", List.of("true"))));
        headers.put(
                "RetryAfter",
                ordered("description", "Seconds to wait before retrying.", "schema", ordered("type", "integer")));
        Map<String, Object> parameters = map(components, "parameters");
        parameters.put(
                "IdempotencyKey",
                ordered(
                        "name",
                        "Idempotency-Key",
                        "in",
                        "header",
                        "description",
                        "1 to 255 visible ASCII characters (a random UUID is a good one): a retry with the same key"
                                + " and request within 24 hours gets the first answer again, with"
                                + " Idempotent-Replayed: true, and nothing happens twice. A malformed key is 400"
                                + " invalid-idempotency-key.",
                        "schema",
                        ordered("type", "string", "minLength", 1, "maxLength", 255, "pattern", "^[!-~]+$")));
        parameters.put(
                "IfNoneMatch",
                ordered(
                        "name",
                        "If-None-Match",
                        "in",
                        "header",
                        "description",
                        "ETags the client holds (weak comparison; * matches any): when one matches, 304 without a"
                                + " body.",
                        "schema",
                        ordered("type", "string")));
        Map<String, Object> responses = map(components, "responses");
        responses.put("Problem", problem("A problem, as every refusal and unexpected error is answered.", ordered()));
        responses.put(
                "BadRequest",
                problem("The request is malformed, such as a query parameter with a NUL character.", ordered()));
        responses.put(
                "UnsupportedMediaType",
                problem("The body's Content-Type is missing or not one this operation reads.", ordered()));
        responses.put(
                "IdempotentRequestInProgress",
                problem(
                        "The first request with this Idempotency-Key still runs (idempotent-request-in-progress).",
                        ordered("Retry-After", ref("#/components/headers/RetryAfter"))));
        responses.put(
                "IdempotencyKeyReused",
                problem("The Idempotency-Key was used for another request (idempotency-key-reused).", ordered()));
        var notModified = new LinkedHashMap<String, Object>();
        notModified.put("description", "Not modified: If-None-Match names the current ETag.");
        notModified.put(
                "headers",
                ordered(
                        "ETag",
                        ordered("description", "The current ETag.", "schema", ordered("type", "string")),
                        "X-Request-Id",
                        ref("#/components/headers/XRequestId")));
        responses.put("NotModified", notModified);
    }

    private static Map<String, Object> problem(String description, Map<String, Object> extraHeaders) {
        var headers = new LinkedHashMap<String, Object>(extraHeaders);
        headers.put("X-Request-Id", ref("#/components/headers/XRequestId"));
        var response = new LinkedHashMap<String, Object>();
        response.put("description", description);
        response.put("headers", headers);
        response.put(
                "content", ordered(PROBLEM, ordered("schema", ordered("$ref", "#/components/schemas/Problem"))));
        return response;
    }

    private static void addParameter(Map<String, Object> operation, String reference) {
        @SuppressWarnings("unchecked")
        var parameters = (List<Object>) operation.computeIfAbsent("parameters", key -> new ArrayList<>());
        if (parameters.stream().noneMatch(ref(reference)::equals)) {
            parameters.add(ref(reference));
        }
    }

    private static Map<?, ?> headersOf(Map<?, ?> response) {
        return response.get("headers") instanceof Map<?, ?> headers ? headers : Map.of();
    }

    private static Map<String, Object> ref(String reference) {
        return ordered("$ref", reference);
    }

    /** A map of the keys and values given, in their order (so that the document is the same every time). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The map under {@code key}, created (and kept in order) when absent. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, absent -> new LinkedHashMap<String, Object>());
    }
}
