package dev.artifacta.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of the OpenAPI document the build generates (the one the server publishes), so
 * that tests sweeping "every operation" cover new ones without being told.
 */
public final class OpenApiOperations {

    private static final String DOCUMENT = "META-INF/swagger/artifacta-v1.yml";

    /** One operation: its method, path template, parameters by kind and request body media types. */
    public record Operation(
            String method,
            String path,
            List<String> pathParameters,
            List<String> queryParameters,
            List<String> bodyTypes) {

        public String key() {
            return method + " " + path;
        }

        public boolean hasJsonBody() {
            return bodyTypes.contains("application/json");
        }
    }

    private OpenApiOperations() {}

    @SuppressWarnings("unchecked")
    public static List<Operation> all() {
        Map<String, Object> document;
        try (InputStream in = OpenApiOperations.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the class path: the build generates it");
            }
            document = new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var operations = new ArrayList<Operation>();
        var paths = (Map<String, Map<String, Object>>) document.get("paths");
        paths.forEach((path, methods) -> methods.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?>) || method.equals("parameters")) {
                return;
            }
            var operation = (Map<String, Object>) value;
            var pathParameters = new ArrayList<String>();
            var queryParameters = new ArrayList<String>();
            for (Object parameter : (List<Object>) operation.getOrDefault("parameters", List.of())) {
                var p = (Map<String, Object>) parameter;
                if ("path".equals(p.get("in"))) {
                    pathParameters.add((String) p.get("name"));
                } else if ("query".equals(p.get("in"))) {
                    queryParameters.add((String) p.get("name"));
                }
            }
            var body = (Map<String, Object>) operation.get("requestBody");
            List<String> bodyTypes =
                    body == null ? List.of() : List.copyOf(((Map<String, Object>) body.get("content")).keySet());
            operations.add(new Operation(
                    method.toUpperCase(java.util.Locale.ROOT),
                    path,
                    List.copyOf(pathParameters),
                    List.copyOf(queryParameters),
                    bodyTypes));
        }));
        return List.copyOf(operations);
    }
}
