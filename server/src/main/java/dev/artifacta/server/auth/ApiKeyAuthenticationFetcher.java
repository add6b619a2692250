package dev.artifacta.server.auth;

import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.apikeys.infrastructure.Credential;
import dev.artifacta.command.apikeys.infrastructure.CredentialLookup;
import dev.artifacta.events.UserIds;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.access.Role;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.usage.RequestQuota;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The API key authentication source: a {@code /v1} request (but signup and share links) that
 * presents a key in {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>} is the key's
 * {@link Principal.ApiKey}, acting for the tenant's user or for its agent. The key is hashed at once
 * and only the hash is looked up (no cache: a revocation or an agent's disabling committed on any
 * node is seen by the next request on every node); the raw key is never logged, stored or echoed.
 * Malformed, unknown, revoked and expired keys, and keys of a disabled agent, get 401; a tenant past
 * its monthly request quota gets 429 (except on whoami, so it can still see why).
 *
 * <p>A key that authenticated is kept in {@link CredentialCache} by its hash, so the next request
 * with it is answered without a lookup, and without leaving the event loop: revocation stays
 * immediate on every node because {@link CredentialChanges} drops the entries of every changed
 * tenant, and a write that changed one answers only once every node has. A miss, and every key
 * that does not authenticate, is looked up in the database on a blocking thread.
 */
@Singleton
public class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";
    private static final String WHOAMI = "/v1/whoami";

    private final CredentialLookup credentials;
    private final CredentialCache cache;
    private final RequestQuota quota;
    private final FailedAuthentications failures;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Scheduler blocking;
    private final io.micrometer.core.instrument.Counter cacheHits;
    private final io.micrometer.core.instrument.Counter cacheMisses;

    public ApiKeyAuthenticationFetcher(
            CredentialLookup credentials,
            CredentialCache cache,
            RequestQuota quota,
            FailedAuthentications failures,
            Clock clock,
            MeterRegistry meters,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.credentials = credentials;
        this.cache = cache;
        this.quota = quota;
        this.failures = failures;
        this.clock = clock;
        this.meters = meters;
        this.blocking = Schedulers.fromExecutorService(blocking);
        this.cacheHits = meters.counter("artifacta.auth.credential.cache", "result", "hit");
        this.cacheMisses = meters.counter("artifacta.auth.credential.cache", "result", "miss");
    }

    /** Whether the request is one this source answers for: a {@code /v1} route that takes keys and presents one. */
    static boolean appliesTo(HttpRequest<?> request) {
        String path = request.getPath();
        return path.startsWith("/v1/")
                && !path.equals("/v1/signup")
                && !path.startsWith("/v1/shared/")
                && presentsCredentials(request)
                // An OAuth access token (a JWT) is OAuthTokenAuthenticationFetcher's.
                && !OAuthTokenAuthenticationFetcher.presentsJwt(request);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!appliesTo(request)) {
            return Mono.empty();
        }
        String presented = presentedKey(request);
        // Hashed once: the cache and, on a miss, the database look the key up by this.
        Optional<String> hash = presented == null ? Optional.empty() : ApiKeySecrets.lookupHash(presented);
        var cached = hash.flatMap(cache::find);
        if (cached.isPresent() && cached.get().credential().isUsableAt(clock.instant())) {
            cacheHits.increment();
            Credential credential = cached.get().credential();
            Principal.ApiKey principal = cached.get().principal();
            if (!quota.isCounted(credential.tenantId(), clock.instant())) {
                // The month's count is read from the database once per node: not on the event loop.
                return Mono.fromCallable(() -> admitted(request, credential, principal))
                        .subscribeOn(blocking);
            }
            try {
                return Mono.just(admitted(request, credential, principal));
            } catch (ProblemException overQuota) {
                return Mono.error(overQuota);
            }
        }
        cacheMisses.increment();
        return Mono.fromCallable(() -> authenticate(request, presented, hash)).subscribeOn(blocking);
    }

    private Authentication authenticate(HttpRequest<?> request, String presented, Optional<String> hash) {
        String address = RequestInfos.of(request).clientAddress();
        var blocked = failures.blockedFor(address, presented);
        long generation = cache.generation();
        Credential credential;
        try {
            credential = credentialOf(presented, hash, address);
        } catch (ProblemException refused) {
            if (blocked.isEmpty()) {
                throw refused;
            }
            // Only invalid keys are throttled: a valid one from the same address always gets in.
            meters.counter("artifacta.auth.throttled").increment();
            throw new ProblemException(
                    Problem.of(
                            "too-many-failed-authentications",
                            "Too many failed authentications",
                            429,
                            "Too many invalid API keys came from this address or with this key prefix; invalid"
                                    + " keys are refused for " + blocked.getAsLong() + " more seconds."),
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(blocked.getAsLong())));
        }
        Principal.ApiKey principal = principalOf(credential);
        cache.put(hash.orElseThrow(), credential, principal, generation);
        return admitted(request, credential, principal);
    }

    /** An authenticated key's request, within the tenant's monthly quota (whoami is always let through). */
    private Authentication admitted(HttpRequest<?> request, Credential credential, Principal.ApiKey principal) {
        Instant now = clock.instant();
        if (!WHOAMI.equals(request.getPath())) {
            quota.checkWithinQuota(credential.tenantId(), credential.plan(), now);
        }
        quota.recordRequest(credential.tenantId(), credential.keyId(), now);
        return Principals.authentication(credential.keyId(), principal);
    }

    /** The key as a principal, acting for the tenant's owner or for its agent as the agent is now. */
    static Principal.ApiKey principalOf(Credential credential) {
        var tenancy = new Principal.Tenancy(credential.tenantId(), credential.tenantName(), credential.plan());
        Principal.Identity actingFor;
        if (credential.identity().actsAsAgent()) {
            Credential.AgentState agent = credential.agent();
            actingFor = new Principal.Agent(
                    tenancy,
                    agent.agentId(),
                    agent.name(),
                    Role.parse(agent.role()).orElse(Role.VIEWER),
                    agent.sponsorId());
        } else {
            // The member the key acts as, with their workspace role now (authentication refuses the
            // keys of someone who is no longer a member).
            String email = credential.identity().name();
            actingFor = new Principal.User(
                    tenancy,
                    UserIds.of(email),
                    email,
                    credential.memberName() == null || credential.memberName().isBlank()
                            ? email
                            : credential.memberName(),
                    Role.parse(credential.memberRole()).orElse(Role.VIEWER),
                    false);
        }
        return new Principal.ApiKey(
                credential.keyId(),
                credential.keyName(),
                credential.prefix(),
                credential.last4(),
                credential.scopes(),
                actingFor);
    }

    private Credential credentialOf(String presented, Optional<String> hash, String address) {
        if (presented == null) {
            throw failed(address, null, "malformed", "The Authorization header must be 'Bearer <API key>'.");
        }
        String secretSha256 = hash.orElseThrow(() -> failed(
                address,
                presented,
                "malformed",
                "The API key is malformed: expected ak_live_ followed by 32 letters and digits."));
        Credential credential = credentials
                .findBySecretSha256(secretSha256)
                .orElseThrow(() -> failed(address, presented, "unknown", "The API key is not recognised."));
        Instant now = clock.instant();
        if (credential.revokedAt() != null) {
            throw failed(address, presented, "revoked", "This API key was revoked and no longer authenticates.");
        }
        if (!credential.isUsableAt(now)) {
            throw failed(address, presented, "expired", "This API key expired at " + credential.expiresAt() + ".");
        }
        if (!credential.identity().actsAsAgent() && credential.memberRole() == null) {
            throw failed(
                    address,
                    presented,
                    "member-removed",
                    "This API key acts as a person who is no longer a member of the workspace.");
        }
        if (credential.identity().actsAsAgent()) {
            if (credential.agent() == null) {
                throw failed(address, presented, "unknown", "The API key is not recognised.");
            }
            if (credential.agent().disabled()) {
                throw failed(
                        address,
                        presented,
                        "agent-disabled",
                        "This API key acts as the agent '" + credential.agent().name()
                                + "', which is disabled; its keys do not authenticate until it is enabled.");
            }
        }
        return credential;
    }

    /** A key was presented and is no good: counted towards the address's limit. */
    private ProblemException failed(String address, String presented, String reason, String detail) {
        failures.recordFailure(address, presented);
        meters.counter("artifacta.auth.failures", "reason", reason).increment();
        return Problems.unauthenticated(detail);
    }

    private static boolean presentsCredentials(HttpRequest<?> request) {
        return request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getHeaders().contains(API_KEY_HEADER);
    }

    /** The key as presented, or null when the Authorization header is not a bearer token. */
    private static String presentedKey(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? authorization.substring(BEARER.length()).strip()
                    : null;
        }
        return request.getHeaders().get(API_KEY_HEADER).strip();
    }
}
