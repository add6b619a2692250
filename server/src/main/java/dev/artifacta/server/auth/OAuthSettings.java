package dev.artifacta.server.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Where this server's OAuth authorization server and protected resource live, and how long access
 * tokens last. The issuer and the resource default to {@code artifacta.public-url}; without one they
 * are taken from each request's Host header, which is for local use only (set
 * {@code ARTIFACTA_PUBLIC_URL} on a shared server so tokens name one audience).
 */
@Singleton
public class OAuthSettings {

    private final String publicUrl;
    private final String issuer;
    private final String resource;
    private final Duration accessTokenLifetime;

    public OAuthSettings(
            @Value("${artifacta.public-url:}") String publicUrl,
            @Nullable @Value("${artifacta.oauth.issuer:}") String issuer,
            @Nullable @Value("${artifacta.oauth.resource:}") String resource,
            @Value("${artifacta.oauth.access-token-lifetime:15m}") Duration accessTokenLifetime) {
        this.publicUrl = trim(publicUrl);
        this.issuer = trim(issuer);
        this.resource = trim(resource);
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
            throw new IllegalStateException("artifacta.oauth.access-token-lifetime must be positive");
        }
        this.accessTokenLifetime = accessTokenLifetime;
    }

    /** The base URL (scheme, host, port) of this server as the request reached it, or as configured. */
    public String base(HttpRequest<?> request) {
        if (!publicUrl.isEmpty()) {
            return publicUrl;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return (request.isSecure() ? "https" : "http") + "://" + (host == null ? "localhost" : host);
    }

    /** The {@code iss} of tokens and the authorization server's identifier (RFC 8414). */
    public String issuer(HttpRequest<?> request) {
        return issuer.isEmpty() ? base(request) : issuer;
    }

    /**
     * The protected resource (RFC 9728): the API and the MCP server under it. Tokens name it as
     * their audience; a token for another resource is refused.
     */
    public String resource(HttpRequest<?> request) {
        return resource.isEmpty() ? base(request) : resource;
    }

    /** Whether a client's {@code resource} (RFC 8707) names this server or a path under it, such as {@code /mcp}. */
    public boolean isOurs(HttpRequest<?> request, java.net.URI asked) {
        String ours = resource(request);
        String named = asked.toString().replaceAll("/+$", "");
        return named.equals(ours) || named.startsWith(ours + "/");
    }

    /** Where the protected-resource metadata is: {@code WWW-Authenticate} challenges point there. */
    public String resourceMetadataUrl(HttpRequest<?> request) {
        return base(request) + "/.well-known/oauth-protected-resource";
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    private static String trim(String url) {
        return url == null ? "" : url.strip().replaceAll("/+$", "");
    }
}
