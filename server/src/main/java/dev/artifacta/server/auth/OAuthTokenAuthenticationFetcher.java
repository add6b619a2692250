package dev.artifacta.server.auth;

import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The OAuth access token authentication source: a {@code /v1} request (but signup and share links)
 * or an {@code /mcp} request with {@code Authorization: Bearer <JWT>} is the token's
 * {@link dev.artifacta.server.access.Principal.OAuthClient}, acting for the member who registered the
 * client with their role now and the token's scopes. API keys never look like JWTs, so the two
 * sources never both answer. A refused token is 401 with {@code WWW-Authenticate: Bearer
 * error="invalid_token"} pointing at the protected-resource metadata (RFC 6750, RFC 9728).
 */
@Singleton
public class OAuthTokenAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private static final String BEARER = "Bearer ";
    private static final String WHOAMI = "/v1/whoami";

    private final OAuthTokens tokens;
    private final OAuthSettings settings;
    private final dev.artifacta.server.usage.RequestQuota quota;
    private final Clock clock;
    private final Scheduler blocking;

    public OAuthTokenAuthenticationFetcher(
            OAuthTokens tokens,
            OAuthSettings settings,
            dev.artifacta.server.usage.RequestQuota quota,
            Clock clock,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tokens = tokens;
        this.settings = settings;
        this.quota = quota;
        this.clock = clock;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    /** Whether the request presents a bearer JWT on a route that takes one. */
    static boolean appliesTo(HttpRequest<?> request) {
        String path = request.getPath();
        boolean route = path.equals("/mcp")
                || path.startsWith("/mcp/")
                || (path.startsWith("/v1/") && !path.equals("/v1/signup") && !path.startsWith("/v1/shared/"));
        return route && presentsJwt(request);
    }

    /** Whether the Authorization header is a bearer token shaped like a JWT (never an API key). */
    static boolean presentsJwt(HttpRequest<?> request) {
        String token = bearerToken(request);
        return token != null && OAuthTokens.looksLikeJwt(token);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!appliesTo(request)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> authenticate(request)).subscribeOn(blocking);
    }

    private Authentication authenticate(HttpRequest<?> request) {
        return switch (tokens.resolve(request, bearerToken(request))) {
            case OAuthTokens.Valid valid -> {
                var tenant = valid.principal().actingFor().tenant();
                Instant now = clock.instant();
                if (!WHOAMI.equals(request.getPath())) {
                    quota.checkWithinQuota(tenant.id(), tenant.plan(), now);
                }
                quota.recordRequest(tenant.id(), null, now);
                yield Principals.authentication(valid.principal().clientId(), valid.principal());
            }
            case OAuthTokens.Refused refused -> throw invalidToken(request, settings, refused.detail());
        };
    }

    /** A 401 for a bad token, with the RFC 6750 challenge. */
    static ProblemException invalidToken(HttpRequest<?> request, OAuthSettings settings, String detail) {
        return new ProblemException(
                Problem.of("invalid-token", "Invalid access token", 401, detail),
                Map.of(
                        HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\", error_description=\"" + quoted(detail)
                                + "\", resource_metadata=\"" + settings.resourceMetadataUrl(request) + "\""));
    }

    /** Text safe inside a quoted-string of a challenge: printable ASCII without quotes or backslashes. */
    static String quoted(String text) {
        return text.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "'");
    }

    private static String bearerToken(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }
}
