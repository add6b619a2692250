package dev.artifacta.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Talks to the server under test over real HTTP. Bodies are sent as raw text, so tests can send
 * malformed JSON too. Every response body is kept, so a test can scan them all for secrets.
 */
public final class Api {

    /** A tenant made by signing up, with its first key. */
    public record Tenant(String id, String name, String key, String keyId) {}

    private final HttpClient client;
    private final List<ApiResponse> seen = Collections.synchronizedList(new ArrayList<>());

    public Api(HttpClient client) {
        this.client = client;
    }

    /**
     * Sends the request and keeps the answer; both are held to the OpenAPI document first
     * ({@link Contract}), so a test fails where the server and its contract disagree.
     */
    public ApiResponse send(MutableHttpRequest<?> request) {
        ApiResponse response;
        try {
            HttpResponse<String> ok = client.toBlocking().exchange(request, String.class);
            response = new ApiResponse(ok.code(), ok.getHeaders(), ok.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            response = new ApiResponse(
                    e.code(),
                    e.getResponse().getHeaders(),
                    e.getResponse().getBody(String.class).orElse(""));
        }
        seen.add(response);
        Contract.check(new Contract.Exchange(
                request.getMethodName(),
                request.getUri(),
                headers(request.getHeaders()),
                bodyOf(request),
                response.status(),
                headers(response.headers()),
                response.body().getBytes(StandardCharsets.UTF_8)));
        return response;
    }

    public ApiResponse get(String path, String key) {
        return send(withKey(HttpRequest.GET(path), key));
    }

    public ApiResponse delete(String path, String key) {
        return send(withKey(HttpRequest.DELETE(path), key));
    }

    public ApiResponse post(String path, String key, String json) {
        return send(withKey(HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON_TYPE), key));
    }

    public ApiResponse patch(String path, String key, String json) {
        return send(withKey(HttpRequest.PATCH(path, json).contentType(MediaType.APPLICATION_JSON_TYPE), key));
    }

    public ApiResponse put(String path, String bearer, String json) {
        return send(withKey(HttpRequest.PUT(path, json).contentType(MediaType.APPLICATION_JSON_TYPE), bearer));
    }

    /** Signs up a tenant with a unique name derived from {@code prefix}. */
    public Tenant signUp(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        ApiResponse response =
                post("/v1/signup", null, "{\"tenant\":\"" + name + "\",\"email\":\"owner@" + name + ".example\"}");
        if (response.status() != 201) {
            throw new AssertionError("signup failed: " + response);
        }
        JsonNode body = response.json();
        return new Tenant(
                body.at("/tenant/id").asText(),
                name,
                body.at("/apiKey/key").asText(),
                body.at("/apiKey/id").asText());
    }

    /** Creates a key and returns the creation response body (which holds the raw key once). */
    public JsonNode createKey(String callerKey, String json) {
        ApiResponse response = post("/v1/api-keys", callerKey, json);
        if (response.status() != 201) {
            throw new AssertionError("key creation failed: " + response);
        }
        return response.json();
    }

    /**
     * The items of {@code GET /v1/audit-events?action=…} once there are at least {@code expected}
     * (or after 5 s): for events published without waiting for the views, such as token grants.
     */
    public JsonNode auditEntries(String key, String action, int expected) {
        JsonNode items = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            items = get("/v1/audit-events?action=" + action, key).json().get("items");
            if (items.size() >= expected) {
                return items;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return items;
    }

    /** Every response this client received, for scans. */
    public List<ApiResponse> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private static Map<String, List<String>> headers(io.micronaut.http.HttpHeaders headers) {
        var copy = new LinkedHashMap<String, List<String>>();
        for (String name : headers.names()) {
            copy.put(name, headers.getAll(name));
        }
        return copy;
    }

    private static byte[] bodyOf(MutableHttpRequest<?> request) {
        return request.getBody()
                .map(body ->
                        body instanceof byte[] bytes ? bytes : body.toString().getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    private static MutableHttpRequest<?> withKey(MutableHttpRequest<?> request, String key) {
        return key == null ? request : request.bearerAuth(key);
    }
}
