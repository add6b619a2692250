package dev.artifacta.server.auth;

import dev.artifacta.server.access.Principal;
import dev.artifacta.server.http.Problem;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Adds the RFC 6750 challenge to a 403 for a missing scope when the caller is an OAuth client, so an
 * OAuth client library can ask its user for more: {@code WWW-Authenticate: Bearer
 * error="insufficient_scope", scope="<needed>", resource_metadata="…"}. Keys and sessions get the
 * same problem without it.
 */
@ServerFilter({"/v1/**", "/mcp", "/mcp/**"})
@Order(100)
public class BearerChallengeFilter {

    private final OAuthSettings settings;

    public BearerChallengeFilter(OAuthSettings settings) {
        this.settings = settings;
    }

    @ResponseFilter
    public void challenge(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() != 403 || !(Principals.of(request) instanceof Principal.OAuthClient)) {
            return;
        }
        response.getBody(Problem.class)
                .map(problem -> problem.getExtensions().get("requiredScope"))
                .filter(String.class::isInstance)
                .ifPresent(scope -> response.header(
                        HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\", resource_metadata=\""
                                + settings.resourceMetadataUrl(request) + "\""));
    }
}
