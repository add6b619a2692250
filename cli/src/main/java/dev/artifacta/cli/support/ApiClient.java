package dev.artifacta.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's HTTP API, through the JDK's client. Reads answer JSON or a stream; writes go through
 * {@link #write}, which under {@code --dry-run} prints the request instead of sending it. Every
 * error answer becomes an {@link ApiException} carrying the problem.
 */
public final class ApiClient {

    static final String USER_AGENT = "artifacta-cli/"
            + Objects.requireNonNullElse(ApiClient.class.getPackage().getImplementationVersion(), "dev");
    private static final int MAX_SHOWN_CHARS = 200;

    private final String baseUrl;
    private final Settings.Key key;
    private final Output output;
    private final boolean dryRun;
    private HttpClient http;

    public ApiClient(String baseUrl, Settings.Key key, Output output, boolean dryRun) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.output = output;
        this.dryRun = dryRun;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** A GET answering JSON. */
    public JsonNode get(String path) {
        HttpResponse<byte[]> response = send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
        return jsonOf(response);
    }

    /** A GET whose body the caller streams (content, exports); error answers are thrown. */
    public HttpResponse<InputStream> stream(String path) {
        HttpResponse<InputStream> response = send(request(path).GET(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                body = new byte[0];
            }
            throw failure(response.statusCode(), body);
        }
        return response;
    }

    /**
     * A request that changes something. Empty under {@code --dry-run}: the request was printed
     * (the key redacted) and not sent. A 204 answers an empty object.
     */
    public Optional<JsonNode> write(String method, String path, JsonNode body) {
        if (dryRun) {
            printDryRun(method, path, body);
            return Optional.empty();
        }
        HttpRequest.Builder request = request(path);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.pretty(body), StandardCharsets.UTF_8));
        }
        return Optional.of(jsonOf(send(request, HttpResponse.BodyHandlers.ofByteArray())));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json, application/problem+json, */*")
                .header("User-Agent", USER_AGENT);
        if (key != null) {
            builder.header("Authorization", "Bearer " + key.value());
        }
        return builder;
    }

    private URI uri(String path) {
        try {
            return URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "invalid URL " + baseUrl + path + ": " + e.getMessage());
        }
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client().send(request.build(), handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException(ExitCodes.ERROR, "cannot reach " + baseUrl + " (" + describe(e) + ")");
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "request to " + baseUrl + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "interrupted");
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return http;
    }

    private JsonNode jsonOf(HttpResponse<byte[]> response) {
        if (response.statusCode() >= 400) {
            throw failure(response.statusCode(), response.body());
        }
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return Json.object();
        }
        JsonNode json = Json.parse(body);
        if (json == null) {
            throw new CliException(
                    ExitCodes.ERROR, "the server answered " + response.statusCode() + " with a body that is not JSON");
        }
        return json;
    }

    private ApiException failure(int status, byte[] body) {
        JsonNode problem = body == null ? null : Json.parse(body);
        if (problem == null || !problem.isObject()) {
            problem = Json.object().put("title", "HTTP " + status).put("status", status);
        }
        if (status == 401 && key == null) {
            ((ObjectNode) problem)
                    .put("detail", "No API key configured: set ARTIFACTA_API_KEY or run `artifacta auth login`.");
        }
        return new ApiException(status, problem);
    }

    private void printDryRun(String method, String path, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        // Never the key: only that one would be sent.
        headers.put("Authorization", key == null ? "(no API key configured)" : "Bearer ak_live_…");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        JsonNode shownBody = body == null ? null : abbreviated(body.deepCopy());
        if (output.json()) {
            ObjectNode plan =
                    Json.object().put("dryRun", true).put("method", method).put("url", baseUrl + path);
            ObjectNode headerNode = plan.putObject("headers");
            headers.forEach(headerNode::put);
            plan.set("body", shownBody);
            output.json(plan);
            return;
        }
        output.line(method + " " + baseUrl + path);
        headers.forEach((name, value) -> output.line(name + ": " + value));
        if (shownBody != null) {
            output.line("");
            output.line(Json.pretty(shownBody));
        }
        output.note("(dry run: nothing was sent)");
    }

    /** Long strings (file content) shortened, so a dry run of a large push stays readable. */
    private static JsonNode abbreviated(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            Map<String, JsonNode> replaced = new LinkedHashMap<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isTextual() && value.asText().length() > MAX_SHOWN_CHARS) {
                    String text = value.asText();
                    replaced.put(
                            field.getKey(),
                            Json.MAPPER
                                    .getNodeFactory()
                                    .textNode(text.substring(0, MAX_SHOWN_CHARS) + "…("
                                            + (text.length() - MAX_SHOWN_CHARS) + " more characters)"));
                }
            }
            replaced.forEach(object::set);
        }
        return node;
    }

    /** A query string from name/value pairs; null values are left out. */
    public static String query(String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value == null) {
                continue;
            }
            query.append(query.isEmpty() ? '?' : '&')
                    .append(namesAndValues[i])
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** A path segment, encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
