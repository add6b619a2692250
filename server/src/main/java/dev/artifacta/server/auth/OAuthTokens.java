package dev.artifacta.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.members.infrastructure.MemberRegistryRepository;
import dev.artifacta.command.members.infrastructure.MemberRow;
import dev.artifacta.command.oauthclients.infrastructure.OAuthClientRegistryProjection;
import dev.artifacta.command.oauthclients.infrastructure.OAuthClientRegistryRepository;
import dev.artifacta.command.oauthclients.infrastructure.OAuthClientWithTenant;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.OAuthTokenEvent;
import dev.artifacta.events.OAuthTokenIssued;
import dev.artifacta.events.OAuthTokenRefused;
import dev.artifacta.events.OAuthTokenRevoked;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.events.UserIds;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.access.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

/**
 * OAuth access tokens for registered clients: issued as JWTs (RFC 9068 {@code at+jwt}) signed with
 * this server's ES256 key, and checked on every request they authenticate. The signature, issuer,
 * audience and expiry are checked from the token; whether it was revoked, whether its client is
 * disabled and the role of the member it acts for are read from the database each time (no cache),
 * so a revocation or a disabling holds from the next request on every node. Tokens are never stored
 * or logged, only their ids. Issues, revocations and refusals of known clients are events in the
 * client's tenant, attributed to the client.
 */
@Singleton
public class OAuthTokens {

    /** The marker of client secrets, recognised by the leak guards like {@code ak_live_}. */
    public static final String CLIENT_SECRET_PREFIX = "cs_live_";

    static final String CLIENT_ID_CLAIM = "client_id";
    static final String SCOPE_CLAIM = "scope";
    static final String TENANT_CLAIM = "tenant_id";

    private static final ApiKeySecrets CLIENT_SECRETS = ApiKeySecrets.withPrefix(CLIENT_SECRET_PREFIX);
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    /**
     * A registered client as the lookup table holds it now, with its tenant and the member it acts
     * for (the web layer sees only this, never the command side's row).
     */
    public static final class KnownClient {
        private final OAuthClientWithTenant row;

        KnownClient(OAuthClientWithTenant row) {
            this.row = row;
        }

        public String clientId() {
            return row.clientId();
        }

        public String tenantId() {
            return row.tenantId();
        }

        public boolean disabled() {
            return row.disabled();
        }

        /** The client's name as registered now (for the consent page and the audit trail). */
        public String name() {
            return row.clientName();
        }

        /** Whether the client has a secret (confidential) or proves itself with PKCE alone (public). */
        public boolean confidential() {
            return row.secretSha256() != null;
        }

        /** The redirect URIs registered for the authorization-code grant, matched exactly. */
        public List<String> redirectUris() {
            return OAuthClientRegistryProjection.split(row.redirectUris(), "\n");
        }

        /** The grants the client may use. */
        public List<String> grantTypes() {
            return OAuthClientRegistryProjection.split(row.grantTypes(), ",");
        }

        /** The scopes the client may ask for. */
        public Set<String> scopes() {
            return new TreeSet<>(OAuthClientRegistryProjection.split(row.scopes(), ","));
        }

        @Override
        public String toString() {
            return "KnownClient[" + row.clientId() + "]";
        }
    }

    /** A token just issued: the JWT (for the answer, once) and what it grants. */
    public record Issued(String accessToken, String tokenId, Set<String> scopes, long expiresInSeconds) {

        @Override
        public String toString() {
            return "Issued[" + tokenId + "]";
        }
    }

    /** What a presented bearer token is. */
    public sealed interface Resolution {}

    /** A good token: its principal and id. */
    public record Valid(Principal.OAuthClient principal, String tokenId) implements Resolution {}

    /** The consent an access token comes from: the grant and the person it acts for. */
    public record Grant(String grantId, String userId) {}

    /** A token that does not authenticate, with what to tell the caller. */
    public record Refused(String detail) implements Resolution {}

    private final OAuthClientRegistryRepository clients;
    private final OAuthTokenRepository tokens;
    private final OAuthSigningKeyRepository storedKeys;
    private final MemberRegistryRepository members;
    private final OAuthSettings settings;
    private final EventStore events;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String configuredKey;
    private volatile ECKey signingKey;

    public OAuthTokens(
            OAuthClientRegistryRepository clients,
            OAuthTokenRepository tokens,
            OAuthSigningKeyRepository storedKeys,
            MemberRegistryRepository members,
            OAuthSettings settings,
            EventStore events,
            Clock clock,
            MeterRegistry meters,
            @Nullable @Value("${artifacta.oauth.signing-key:}") String configuredKey) {
        this.clients = clients;
        this.tokens = tokens;
        this.storedKeys = storedKeys;
        this.members = members;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
        this.configuredKey = configuredKey;
    }

    /**
     * A self-registered client not yet in any workspace, as the consent page sees it for the person
     * who may approve it in theirs (or for nobody yet, before sign-in).
     */
    public static KnownClient unbound(
            String clientId,
            String name,
            String scopes,
            String grantTypes,
            String redirectUris,
            @Nullable Principal.User user) {
        return new KnownClient(new OAuthClientWithTenant(
                clientId,
                name,
                scopes,
                grantTypes,
                redirectUris,
                null,
                "user",
                user == null ? "" : user.email(),
                false,
                user == null ? "" : user.tenant().id(),
                user == null ? "" : user.tenant().name(),
                user == null ? "" : user.tenant().plan(),
                user == null ? null : user.role().value(),
                user == null ? null : user.displayName()));
    }

    /** The client as the lookup table holds it now, with its tenant and the member it acts for. */
    public Optional<KnownClient> client(String clientId) {
        return clientId == null || clientId.length() > 64
                ? Optional.empty()
                : clients.findWithTenant(clientId).map(KnownClient::new);
    }

    /** Whether the presented secret is the client's (by SHA-256, compared in constant time). */
    public static boolean secretMatches(KnownClient known, String presented) {
        OAuthClientWithTenant client = known.row;
        if (client.secretSha256() == null) {
            return false;
        }
        return CLIENT_SECRETS
                .hashIfWellFormed(presented)
                .map(hash -> MessageDigest.isEqual(
                        hash.getBytes(StandardCharsets.US_ASCII),
                        client.secretSha256().getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    /**
     * The client as a principal with the given scopes, acting for the member who registered it with
     * their role now; empty when that person is no longer a member.
     */
    public static Optional<Principal.OAuthClient> principalOf(KnownClient known, Set<String> scopes) {
        OAuthClientWithTenant client = known.row;
        if (!"user".equals(client.identityType()) || client.memberRole() == null) {
            return Optional.empty();
        }
        var tenancy = new Principal.Tenancy(client.tenantId(), client.tenantName(), client.plan());
        String email = client.identityName();
        var user = new Principal.User(
                tenancy,
                UserIds.of(email),
                email,
                client.memberName() == null || client.memberName().isBlank() ? email : client.memberName(),
                Role.parse(client.memberRole()).orElse(Role.VIEWER),
                false);
        return Optional.of(new Principal.OAuthClient(client.clientId(), client.clientName(), scopes, user));
    }

    /**
     * The client as a principal with the given scopes, acting for the person who consented (the
     * authorization-code grant), with their role now; empty when they are no longer a member.
     */
    public Optional<Principal.OAuthClient> principalFor(KnownClient known, Set<String> scopes, String userId) {
        OAuthClientWithTenant client = known.row;
        return members.findById(MemberRow.idOf(client.tenantId(), userId))
                .flatMap(member -> Role.parse(member.role())
                        .map(role -> new Principal.User(
                                new Principal.Tenancy(client.tenantId(), client.tenantName(), client.plan()),
                                member.userId(),
                                member.email(),
                                member.displayName() == null
                                                || member.displayName().isBlank()
                                        ? member.email()
                                        : member.displayName(),
                                role,
                                false)))
                .map(user -> new Principal.OAuthClient(client.clientId(), client.clientName(), scopes, user));
    }

    /** Issues an access token to an authenticated client and records the grant. */
    public Issued issue(HttpRequest<?> request, Principal.OAuthClient principal, String tenantId, String grantType) {
        return issue(request, principal, tenantId, grantType, null);
    }

    /**
     * Issues an access token to an authenticated client and records the grant; a token of a
     * person's consent names the grant, so a reused code or refresh token can revoke it.
     */
    public Issued issue(
            HttpRequest<?> request,
            Principal.OAuthClient principal,
            String tenantId,
            String grantType,
            @Nullable Grant grant) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.accessTokenLifetime());
        String tokenId = UUID.randomUUID().toString();
        var scopes = new TreeSet<>(principal.scopes());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer(request))
                .subject(principal.clientId())
                .audience(settings.resource(request))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(tokenId)
                .claim(CLIENT_ID_CLAIM, principal.clientId())
                .claim(SCOPE_CLAIM, String.join(" ", scopes))
                .claim(TENANT_CLAIM, tenantId)
                .build();
        ECKey key = signingKey();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(ACCESS_TOKEN_TYPE)
                        .build(),
                claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("The token signing key cannot sign", e);
        }
        tokens.save(new OAuthTokenRepository.TokenRow(
                tokenId,
                principal.clientId(),
                tenantId,
                String.join(",", scopes),
                now,
                expires,
                null,
                grant == null ? null : grant.userId(),
                grant == null ? null : grant.grantId()));
        publish(
                new OAuthTokenIssued(
                        tenantId, principal.clientId(), tokenId, grantType, List.copyOf(scopes), expires, now),
                principal,
                RequestInfos.of(request));
        meters.counter("artifacta.oauth.tokens_issued", "grant", grantType).increment();
        return new Issued(
                jwt.serialize(), tokenId, scopes, settings.accessTokenLifetime().toSeconds());
    }

    /**
     * Revokes a token the client holds (RFC 7009): a token of another client, or not a token of
     * ours, changes nothing (and the endpoint answers 200 all the same).
     */
    public void revoke(HttpRequest<?> request, KnownClient client, String token) {
        Optional<JWTClaimsSet> claims = verifiedClaims(token);
        if (claims.isEmpty()
                || !client.clientId().equals(stringClaim(claims.get(), CLIENT_ID_CLAIM))
                || claims.get().getJWTID() == null) {
            return;
        }
        String tokenId = claims.get().getJWTID();
        Instant now = clock.instant();
        if (tokens.markRevoked(tokenId, now) > 0) {
            publish(
                    new OAuthTokenRevoked(client.tenantId(), client.clientId(), tokenId, now),
                    actorOf(client),
                    RequestInfos.of(request));
        }
    }

    /**
     * Revokes every access token of a grant (a reused code or refresh token, a revoked refresh
     * token): each revocation is recorded, attributed to the client.
     */
    public void revokeGrant(HttpRequest<?> request, KnownClient client, String grantId) {
        Instant now = clock.instant();
        for (String tokenId : tokens.findUnrevokedOfGrant(grantId)) {
            if (tokens.markRevoked(tokenId, now) > 0) {
                publish(
                        new OAuthTokenRevoked(client.tenantId(), client.clientId(), tokenId, now),
                        actorOf(client),
                        RequestInfos.of(request));
            }
        }
    }

    /** Records an event of a known client's grant, attributed to the principal. */
    void record(OAuthTokenEvent event, Principal principal, HttpRequest<?> request) {
        publish(event, principal, RequestInfos.of(request));
    }

    /** Records a refusal of a known client, attributed to it. */
    public void refused(HttpRequest<?> request, KnownClient known, String tokenId, String reason) {
        meters.counter("artifacta.oauth.refusals", "reason", reason).increment();
        publish(
                new OAuthTokenRefused(known.tenantId(), known.clientId(), tokenId, reason, clock.instant()),
                actorOf(known),
                RequestInfos.of(request));
    }

    /**
     * The client as the audit trail names it when it acts without a usable token (a grant, a
     * revocation, a refusal): acting for its member as they are, or as they were if they left.
     */
    private static Principal.OAuthClient actorOf(KnownClient known) {
        OAuthClientWithTenant client = known.row;
        return new Principal.OAuthClient(
                client.clientId(),
                client.clientName(),
                Set.of(),
                principalOf(known, Set.of())
                        .<Principal.Identity>map(Principal.OAuthClient::actingFor)
                        .orElseGet(() -> new Principal.User(
                                new Principal.Tenancy(client.tenantId(), client.tenantName(), client.plan()),
                                UserIds.of(client.identityName()),
                                client.identityName(),
                                client.identityName(),
                                Role.VIEWER,
                                false)));
    }

    /** What a presented bearer token is worth, checked against the database now. */
    public Resolution resolve(HttpRequest<?> request, String token) {
        Optional<JWTClaimsSet> verified = verifiedClaims(token);
        if (verified.isEmpty()) {
            meters.counter("artifacta.oauth.refusals", "reason", "invalid").increment();
            return new Refused("The access token is not one this server issued, or it was altered.");
        }
        JWTClaimsSet claims = verified.get();
        String clientId = stringClaim(claims, CLIENT_ID_CLAIM);
        String tokenId = claims.getJWTID();
        Optional<KnownClient> found = client(clientId);
        if (found.isEmpty() || tokenId == null || !found.get().tenantId().equals(stringClaim(claims, TENANT_CLAIM))) {
            meters.counter("artifacta.oauth.refusals", "reason", "unknown").increment();
            return new Refused("The access token's client is not recognised.");
        }
        KnownClient client = found.get();
        if (!settings.issuer(request).equals(claims.getIssuer())) {
            refused(request, client, tokenId, "wrong-issuer");
            return new Refused("The access token was issued by another authorization server.");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(settings.resource(request))) {
            refused(request, client, tokenId, "wrong-audience");
            return new Refused("The access token is for another resource, not " + settings.resource(request) + ".");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null
                || !now.isBefore(claims.getExpirationTime().toInstant())) {
            refused(request, client, tokenId, "token-expired");
            return new Refused("The access token expired; get a new one at the token endpoint.");
        }
        Optional<OAuthTokenRepository.TokenRow> row = tokens.findById(tokenId);
        if (row.isEmpty() || row.get().revokedAt() != null) {
            refused(request, client, tokenId, "token-revoked");
            return new Refused("The access token was revoked.");
        }
        if (client.disabled()) {
            refused(request, client, tokenId, "client-disabled");
            return new Refused("The OAuth client '" + client.row.clientName() + "' is disabled; its tokens do not"
                    + " authenticate.");
        }
        Set<String> scopes =
                new TreeSet<>(List.of(stringClaim(claims, SCOPE_CLAIM).split(" ")));
        scopes.remove("");
        String actingFor = row.get().actingForUserId();
        Optional<Principal.OAuthClient> principal =
                actingFor == null ? principalOf(client, scopes) : principalFor(client, scopes, actingFor);
        if (principal.isEmpty()) {
            refused(request, client, tokenId, "member-removed");
            return new Refused("The OAuth client acts for a person who is no longer a member of the workspace.");
        }
        return new Valid(principal.get(), tokenId);
    }

    /** The public half of the signing key, for {@code /oauth/jwks}. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey().toPublicJWK());
    }

    /** Whether the text has a JWT's shape (three base64url parts), as opposed to an API key. */
    public static boolean looksLikeJwt(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    }

    private Optional<JWTClaimsSet> verifiedClaims(String token) {
        if (!looksLikeJwt(token) || token.length() > 8192) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            ECKey key = signingKey();
            // One algorithm, one key, one type: "none", another key or an ID token never pass.
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    || !key.getKeyID().equals(jwt.getHeader().getKeyID())
                    || !ACCESS_TOKEN_TYPE.equals(jwt.getHeader().getType())
                    || !jwt.verify(new ECDSAVerifier(key.toECPublicKey()))) {
                return Optional.empty();
            }
            return Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | RuntimeException notAToken) {
            return Optional.empty();
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text ? text : "";
    }

    private ECKey signingKey() {
        ECKey key = signingKey;
        if (key == null) {
            synchronized (this) {
                if (signingKey == null) {
                    signingKey = configured().orElseGet(this::stored);
                }
                key = signingKey;
            }
        }
        return key;
    }

    private Optional<ECKey> configured() {
        if (configuredKey == null || configuredKey.isBlank()) {
            return Optional.empty();
        }
        try {
            ECKey key = ECKey.parse(configuredKey);
            if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve()) || key.getKeyID() == null) {
                throw new IllegalStateException(
                        "artifacta.oauth.signing-key must be a private EC P-256 JWK with a kid");
            }
            return Optional.of(key);
        } catch (ParseException e) {
            throw new IllegalStateException("artifacta.oauth.signing-key is not a JWK", e);
        }
    }

    private ECKey stored() {
        return storedKeys.findFirst().map(OAuthTokens::parse).orElseGet(() -> {
            try {
                ECKey generated = new ECKeyGenerator(Curve.P_256)
                        .keyID(UUID.randomUUID().toString())
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256)
                        .generate();
                storedKeys.save(new OAuthSigningKeyRepository.KeyRow(
                        generated.getKeyID(), generated.toJSONString(), clock.instant()));
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot generate the token signing key", e);
            }
            return storedKeys.findFirst().map(OAuthTokens::parse).orElseThrow();
        });
    }

    private static ECKey parse(OAuthSigningKeyRepository.KeyRow row) {
        try {
            return ECKey.parse(row.privateJwk());
        } catch (ParseException e) {
            throw new IllegalStateException("The stored token signing key cannot be read", e);
        }
    }

    private void publish(OAuthTokenEvent event, Principal principal, RequestInfo request) {
        events.publish(List.of(GenericEventMessage.asEventMessage(event)
                .andMetaData(MetaData.from(AuditMetadata.of(principal.actor(), principal.sponsor(), request)))));
    }
}
