package dev.artifacta.server.admin;

import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Guards the operator API with the token from {@code artifacta.admin.token}. Without a configured
 * (non-blank) token the whole admin API answers 404, as if it did not exist.
 */
@ServerFilter("/admin/**")
public class AdminTokenFilter {

    private final byte[] token;

    public AdminTokenFilter(@Nullable @Value("${artifacta.admin.token:}") String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authorize(HttpRequest<?> request) {
        if (token == null) {
            return Problems.response(
                    request, Problem.of("not-found", "Not found", 404, "The admin API is not enabled."));
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : "";
        // Constant-time comparison: the answer time says nothing about how much of a guess was right.
        if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return Problems.response(
                    request,
                    Problem.of(
                            "unauthenticated", "Authentication required", 401, "The admin API needs the admin token."),
                    Map.of("WWW-Authenticate", "Bearer realm=\"artifacta-admin\""));
        }
        return null;
    }
}
