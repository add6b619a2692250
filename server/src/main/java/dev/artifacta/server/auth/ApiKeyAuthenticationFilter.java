package dev.artifacta.server.auth;

import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.apikeys.infrastructure.Credential;
import dev.artifacta.command.apikeys.infrastructure.CredentialLookup;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.usage.RequestQuota;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Authenticates every {@code /v1} request (but signup) by its API key, from
 * {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. The key is hashed at once and
 * only the hash is looked up; the raw key is never logged, stored or echoed. Missing, malformed,
 * unknown, revoked and expired keys get 401; a tenant past its monthly request quota gets 429
 * (except on whoami, so it can still see why).
 */
@ServerFilter("/v1/**")
@Order(0)
public class ApiKeyAuthenticationFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final Set<String> ANONYMOUS_PATHS = Set.of("/v1/signup");
    private static final String WHOAMI = "/v1/whoami";
    /** Routes a caller may use without a key: public artifact reads and edits, share links. */
    private static final java.util.regex.Pattern PUBLIC_CAPABLE =
            java.util.regex.Pattern.compile("^/v1/(artifacts/[^/]+(/versions|/content|/diff)?|shared/.+)$");

    private static final String BEARER = "Bearer ";

    private final CredentialLookup credentials;
    private final RequestQuota quota;
    private final FailedAuthentications failures;
    private final Clock clock;
    private final MeterRegistry meters;

    public ApiKeyAuthenticationFilter(
            CredentialLookup credentials,
            RequestQuota quota,
            FailedAuthentications failures,
            Clock clock,
            MeterRegistry meters) {
        this.credentials = credentials;
        this.quota = quota;
        this.failures = failures;
        this.clock = clock;
        this.meters = meters;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (ANONYMOUS_PATHS.contains(request.getPath())) {
            return null;
        }
        if (PUBLIC_CAPABLE.matcher(request.getPath()).matches() && !presentsCredentials(request)) {
            // Public artifacts and share links: the access policy decides what an anonymous caller gets.
            return null;
        }
        String address = RequestInfos.of(request).clientAddress();
        var blocked = presentsCredentials(request) ? failures.blockedFor(address) : java.util.OptionalLong.empty();
        if (blocked.isPresent()) {
            meters.counter("artifacta.auth.throttled").increment();
            return Problems.response(
                    request,
                    Problem.of(
                            "too-many-failed-authentications",
                            "Too many failed authentications",
                            429,
                            "Too many requests from this address presented an invalid API key; try again in "
                                    + blocked.getAsLong() + " seconds."),
                    java.util.Map.of(HttpHeaders.RETRY_AFTER, Long.toString(blocked.getAsLong())));
        }
        try {
            Credential credential = credentialOf(request, address);
            Instant now = clock.instant();
            if (!WHOAMI.equals(request.getPath())) {
                quota.checkWithinQuota(credential, now);
            }
            quota.recordRequest(credential, now);
            request.setAttribute(ApiPrincipal.ATTRIBUTE, new ApiPrincipal(credential));
            return null;
        } catch (ProblemException e) {
            return Problems.response(request, e.problem(), e.headers());
        }
    }

    private Credential credentialOf(HttpRequest<?> request, String address) {
        String presented = presentedKey(request, address);
        String hash = ApiKeySecrets.lookupHash(presented)
                .orElseThrow(() -> failed(
                        address,
                        "malformed",
                        "The API key is malformed: expected ak_live_ followed by 32 letters and digits."));
        Credential credential = credentials
                .findBySecretSha256(hash)
                .orElseThrow(() -> failed(address, "unknown", "The API key is not recognised."));
        Instant now = clock.instant();
        if (credential.revokedAt() != null) {
            throw failed(address, "revoked", "This API key was revoked and no longer authenticates.");
        }
        if (!credential.isUsableAt(now)) {
            throw failed(address, "expired", "This API key expired at " + credential.expiresAt() + ".");
        }
        return credential;
    }

    /** A key was presented and is no good: counted towards the address's limit. */
    private ProblemException failed(String address, String reason, String detail) {
        failures.recordFailure(address);
        return refuse(reason, detail);
    }

    private static boolean presentsCredentials(HttpRequest<?> request) {
        return request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getHeaders().contains(API_KEY_HEADER);
    }

    private String presentedKey(HttpRequest<?> request, String address) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw failed(address, "malformed", "The Authorization header must be 'Bearer <API key>'.");
            }
            return authorization.substring(BEARER.length()).strip();
        }
        String apiKey = request.getHeaders().get(API_KEY_HEADER);
        if (apiKey != null) {
            return apiKey.strip();
        }
        throw refuse(
                "missing", "This request needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
    }

    private ProblemException refuse(String reason, String detail) {
        meters.counter("artifacta.auth.failures", "reason", reason).increment();
        return Problems.unauthenticated(detail);
    }
}
