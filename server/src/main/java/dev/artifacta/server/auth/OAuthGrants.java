package dev.artifacta.server.auth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.events.OAuthClientAuthorized;
import dev.artifacta.server.access.Principal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The authorization-code grant with PKCE and its refresh tokens. A person's consent starts a grant:
 * a single-use code (valid {@code artifacta.oauth.code-lifetime}, two minutes), then access tokens
 * and refresh tokens that rotate on every use. Codes and refresh tokens are random secrets
 * ({@code ac_live_…}, {@code rt_live_…}, recognised by the leak guards) kept only as their SHA-256.
 * A code presented twice, or a refresh token presented after it was rotated, means someone else may
 * hold it: the whole grant is revoked (RFC 6749 §4.1.2, OAuth 2.0 Security BCP §4.14).
 */
@Singleton
public class OAuthGrants {

    /** The marker of authorization codes. */
    public static final String CODE_PREFIX = "ac_live_";

    /** The marker of refresh tokens. */
    public static final String REFRESH_PREFIX = "rt_live_";

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";

    private static final ApiKeySecrets CODES = ApiKeySecrets.withPrefix(CODE_PREFIX);
    private static final ApiKeySecrets REFRESH_TOKENS = ApiKeySecrets.withPrefix(REFRESH_PREFIX);

    /** What a redemption gave: an access token, and a refresh token when the client may have one. */
    public sealed interface Outcome {}

    public record Granted(
            OAuthTokens.Issued access, @Nullable String refreshToken) implements Outcome {

        @Override
        public String toString() {
            return "Granted[" + access + "]";
        }
    }

    /** Refused, with the RFC 6749 error to answer. */
    public record Refused(ErrorObject error) implements Outcome {}

    private final OAuthGrantRepository grants;
    private final OAuthTokens tokens;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration codeLifetime;
    private final Duration refreshLifetime;

    public OAuthGrants(
            OAuthGrantRepository grants,
            OAuthTokens tokens,
            Clock clock,
            MeterRegistry meters,
            @Value("${artifacta.oauth.code-lifetime:2m}") Duration codeLifetime,
            @Value("${artifacta.oauth.refresh-token-lifetime:30d}") Duration refreshLifetime) {
        this.grants = grants;
        this.tokens = tokens;
        this.clock = clock;
        this.meters = meters;
        this.codeLifetime = codeLifetime;
        this.refreshLifetime = refreshLifetime;
    }

    /**
     * The person approved the client: a new grant and its code (returned once, for the redirect),
     * recorded as the person's act.
     */
    public String authorize(
            HttpRequest<?> request,
            OAuthTokens.KnownClient client,
            Principal.User user,
            Set<String> scopes,
            String redirectUri,
            String codeChallenge) {
        Instant now = clock.instant();
        String grantId = UUID.randomUUID().toString();
        var code = CODES.generate();
        var sorted = new TreeSet<>(scopes);
        grants.saveCode(
                code.digest().sha256(),
                grantId,
                client.clientId(),
                client.tenantId(),
                user.userId(),
                String.join(",", sorted),
                redirectUri,
                codeChallenge,
                now,
                now.plus(codeLifetime));
        tokens.record(
                new OAuthClientAuthorized(
                        client.tenantId(),
                        client.clientId(),
                        grantId,
                        user.userId(),
                        List.copyOf(sorted),
                        redirectUri,
                        now),
                user,
                request);
        return code.revealOnce();
    }

    /** Redeems a code (RFC 6749 §4.1.3 with RFC 7636's verifier): once, by its client, with its verifier. */
    public Outcome redeem(
            HttpRequest<?> request,
            OAuthTokens.KnownClient client,
            String code,
            @Nullable String redirectUri,
            @Nullable String verifier) {
        Optional<OAuthGrantRepository.CodeRow> found =
                CODES.hashIfWellFormed(code).flatMap(grants::findCode);
        if (found.isEmpty() || !found.get().clientId().equals(client.clientId())) {
            tokens.refused(request, client, null, "code-unknown");
            return invalidGrant("The authorization code is not valid for this client.");
        }
        OAuthGrantRepository.CodeRow row = found.get();
        Instant now = clock.instant();
        if (grants.markCodeUsed(row.codeSha256(), now) == 0) {
            // Used before: whoever redeemed it first may not be this client. Nothing of it stays valid.
            grants.revokeRefreshOfGrant(row.grantId(), now);
            tokens.revokeGrant(request, client, row.grantId());
            tokens.refused(request, client, null, "code-reused");
            return invalidGrant("The authorization code was already used; the tokens issued from it are revoked.");
        }
        if (!now.isBefore(row.expiresAt())) {
            tokens.refused(request, client, null, "code-expired");
            return invalidGrant("The authorization code expired; start the authorization again.");
        }
        if (!row.redirectUri().equals(redirectUri)) {
            tokens.refused(request, client, null, "redirect-uri-mismatch");
            return invalidGrant("redirect_uri must be the one the authorization request named.");
        }
        if (!verifierMatches(verifier, row.codeChallenge())) {
            tokens.refused(request, client, null, "pkce-failed");
            return invalidGrant("The code_verifier does not match the code_challenge (S256).");
        }
        return grant(request, client, row.grantId(), row.userId(), split(row.scopes()), AUTHORIZATION_CODE);
    }

    /**
     * Uses a refresh token (RFC 6749 §6): once. The new refresh token replaces it; presenting the old
     * one again revokes the whole grant.
     */
    public Outcome refresh(
            HttpRequest<?> request, OAuthTokens.KnownClient client, String refreshToken, @Nullable Set<String> asked) {
        Optional<OAuthGrantRepository.RefreshRow> found =
                REFRESH_TOKENS.hashIfWellFormed(refreshToken).flatMap(grants::findRefresh);
        if (found.isEmpty() || !found.get().clientId().equals(client.clientId())) {
            tokens.refused(request, client, null, "refresh-unknown");
            return invalidGrant("The refresh token is not valid for this client.");
        }
        OAuthGrantRepository.RefreshRow row = found.get();
        Instant now = clock.instant();
        if (row.revokedAt() != null) {
            tokens.refused(request, client, null, "refresh-revoked");
            return invalidGrant("The refresh token was revoked.");
        }
        if (!now.isBefore(row.expiresAt())) {
            tokens.refused(request, client, null, "refresh-expired");
            return invalidGrant("The refresh token expired; start the authorization again.");
        }
        if (grants.markRefreshRotated(row.tokenSha256(), now) == 0) {
            grants.revokeRefreshOfGrant(row.grantId(), now);
            tokens.revokeGrant(request, client, row.grantId());
            tokens.refused(request, client, null, "refresh-reused");
            return invalidGrant("The refresh token was already used; every token of its grant is revoked.");
        }
        Set<String> granted = split(row.scopes());
        Set<String> scopes = asked == null ? granted : new TreeSet<>(asked);
        if (scopes.isEmpty() || !granted.containsAll(scopes)) {
            return new Refused(OAuth2Error.INVALID_SCOPE.setDescription(
                    "A refresh may ask for at most: " + String.join(" ", granted) + "."));
        }
        return grant(request, client, row.grantId(), row.userId(), scopes, REFRESH_TOKEN);
    }

    /**
     * Revokes the grant of a refresh token the client holds (RFC 7009 §2.1: its access tokens too);
     * anything else changes nothing.
     */
    public void revokeRefresh(HttpRequest<?> request, OAuthTokens.KnownClient client, String refreshToken) {
        Optional<OAuthGrantRepository.RefreshRow> found =
                REFRESH_TOKENS.hashIfWellFormed(refreshToken).flatMap(grants::findRefresh);
        if (found.isEmpty() || !found.get().clientId().equals(client.clientId())) {
            return;
        }
        grants.revokeRefreshOfGrant(found.get().grantId(), clock.instant());
        tokens.revokeGrant(request, client, found.get().grantId());
    }

    /** Deletes codes and refresh tokens past their expiry (they are refused by it alone). */
    public long purgeExpiredBefore(Instant before) {
        return grants.deleteCodesExpiredBefore(before) + grants.deleteRefreshExpiredBefore(before);
    }

    private Outcome grant(
            HttpRequest<?> request,
            OAuthTokens.KnownClient client,
            String grantId,
            String userId,
            Set<String> scopes,
            String grantType) {
        Optional<Principal.OAuthClient> principal = tokens.principalFor(client, scopes, userId);
        if (principal.isEmpty()) {
            tokens.refused(request, client, null, "member-removed");
            return invalidGrant("The person who authorized the client is no longer a member of the workspace.");
        }
        // Never more than the person's role allows now, whatever they consented to before.
        var allowed = new TreeSet<>(scopes);
        allowed.retainAll(principal.get().actingFor().role().scopes());
        if (allowed.isEmpty()) {
            tokens.refused(request, client, null, "invalid-scope");
            return new Refused(OAuth2Error.INVALID_SCOPE.setDescription(
                    "The person's role no longer allows any of the scopes granted."));
        }
        OAuthTokens.Issued access = tokens.issue(
                request,
                new Principal.OAuthClient(
                        client.clientId(),
                        client.name(),
                        allowed,
                        principal.get().actingFor()),
                client.tenantId(),
                grantType,
                new OAuthTokens.Grant(grantId, userId));
        String refresh = null;
        if (client.grantTypes().contains(REFRESH_TOKEN)) {
            Instant now = clock.instant();
            var issued = REFRESH_TOKENS.generate();
            grants.saveRefresh(
                    issued.digest().sha256(),
                    grantId,
                    client.clientId(),
                    client.tenantId(),
                    userId,
                    String.join(",", allowed),
                    now,
                    now.plus(refreshLifetime));
            refresh = issued.revealOnce();
        }
        meters.counter("artifacta.oauth.grants", "grant", grantType).increment();
        return new Granted(access, refresh);
    }

    private static boolean verifierMatches(@Nullable String verifier, String challenge) {
        if (verifier == null) {
            return false;
        }
        try {
            String computed = CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier))
                    .getValue();
            return MessageDigest.isEqual(
                    computed.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static Set<String> split(String scopes) {
        var set = new TreeSet<>(List.of(scopes.split(",")));
        set.remove("");
        return set;
    }

    private static Refused invalidGrant(String description) {
        return new Refused(OAuth2Error.INVALID_GRANT.setDescription(description));
    }
}
