package dev.artifacta.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpHeaders;

/** A response as a test sees it: status, headers, the body as text and as JSON. */
public record ApiResponse(int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("Not JSON (status " + status + "): " + body, e);
        }
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String contentType() {
        return headers.get(HttpHeaders.CONTENT_TYPE);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
