package dev.artifacta.server.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured OpenID Connect provider, spoken to through the Nimbus OAuth 2.0 / OIDC SDK:
 * discovery, the authorization code flow with PKCE ({@code S256}), {@code state} and {@code nonce},
 * and the ID token's validation (signature against the provider's JWKS, issuer, audience, expiry
 * and nonce). Configured by {@code ARTIFACTA_OIDC_ISSUER}, {@code ARTIFACTA_OIDC_CLIENT_ID},
 * {@code ARTIFACTA_OIDC_CLIENT_SECRET} and {@code ARTIFACTA_PUBLIC_URL}; without an issuer there is
 * no provider.
 */
@Singleton
public class OidcProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);

    /** What the browser is sent to, and what the callback needs to finish the same sign-in. */
    public record Redirect(URI authorizationUri, String state, String nonce, String codeVerifier) {}

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final String publicUrl;
    private final JWSAlgorithm algorithm;
    private volatile OIDCProviderMetadata metadata;
    private volatile IDTokenValidator validator;

    public OidcProvider(
            @Value("${artifacta.auth.oidc.issuer:}") String issuer,
            @Value("${artifacta.auth.oidc.client-id:}") String clientId,
            @Value("${artifacta.auth.oidc.client-secret:}") String clientSecret,
            @Value("${artifacta.public-url:}") String publicUrl,
            @Value("${artifacta.auth.oidc.id-token-algorithm:RS256}") String algorithm) {
        this.issuer = issuer.strip();
        this.clientId = clientId.strip();
        this.clientSecret = clientSecret;
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
        this.algorithm = JWSAlgorithm.parse(algorithm);
    }

    public boolean isConfigured() {
        return !issuer.isEmpty() && !clientId.isEmpty();
    }

    public String issuer() {
        return issuer;
    }

    /** Where the provider sends the browser back: {@code <public URL>/auth/callback}. */
    public URI callbackUri(String requestBase) {
        String base = publicUrl.isEmpty() ? requestBase : publicUrl;
        return URI.create(base + "/auth/callback");
    }

    /** A fresh sign-in: new state, nonce and PKCE verifier, and the provider's URL with them. */
    public Redirect begin(URI callback) {
        OIDCProviderMetadata provider = metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI uri = new AuthenticationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE),
                        new Scope("openid", "email", "profile"),
                        new ClientID(clientId),
                        callback)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        return new Redirect(uri, state.getValue(), nonce.getValue(), verifier.getValue());
    }

    /**
     * Exchanges the code (with the PKCE verifier) for tokens and validates the ID token against the
     * nonce of this sign-in; a refusal is a 4xx problem naming what was wrong, never the token.
     */
    public VerifiedPerson finish(String code, URI callback, String codeVerifier, String nonce) {
        OIDCProviderMetadata provider = metadata();
        TokenResponse response;
        try {
            var request = new TokenRequest(
                    provider.getTokenEndpointURI(),
                    new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret)),
                    new AuthorizationCodeGrant(new AuthorizationCode(code), callback, new CodeVerifier(codeVerifier)));
            response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
        } catch (IOException e) {
            LOG.warn("The identity provider's token endpoint could not be reached: {}", e.toString());
            throw SignInRefused.of("provider-unreachable", 502, "The identity provider could not be reached.");
        } catch (ParseException e) {
            throw SignInRefused.of(
                    "invalid-token-response", 502, "The identity provider's token response could not be read.");
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            String code400 = error.getErrorObject() == null
                    ? "unknown"
                    : error.getErrorObject().getCode();
            throw SignInRefused.of(
                    "code-rejected",
                    400,
                    "The identity provider refused the authorization code (" + code400
                            + "); it may have been used already. Start the sign-in again.");
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse())
                .getOIDCTokens()
                .getIDToken();
        if (idToken == null) {
            throw SignInRefused.of("no-id-token", 400, "The identity provider returned no ID token.");
        }
        IDTokenClaimsSet claims;
        try {
            claims = validator().validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException e) {
            throw SignInRefused.of("invalid-id-token", 401, "The ID token is not valid: " + reasonOf(e) + ".");
        } catch (JOSEException e) {
            throw SignInRefused.of("invalid-id-token", 401, "The ID token could not be verified.");
        }
        String email = claims.getStringClaim("email");
        if (email == null || email.isBlank()) {
            throw SignInRefused.of(
                    "no-email", 403, "The identity provider gave no email address; Artifacta needs one (scope email).");
        }
        Boolean verified = claims.getBooleanClaim("email_verified");
        String name = Optional.ofNullable(claims.getStringClaim("name"))
                .filter(n -> !n.isBlank())
                .orElse(email);
        return new VerifiedPerson(
                claims.getIssuer().getValue(),
                claims.getSubject().getValue(),
                email.strip(),
                Boolean.TRUE.equals(verified),
                name.strip());
    }

    /** Why the validator refused, in words that name the check and never echo the token. */
    private static String reasonOf(BadJOSEException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("expired")) {
            return "it has expired";
        }
        if (message.contains("issuer")) {
            return "it was issued by another issuer";
        }
        if (message.contains("audience")) {
            return "it was issued for another client";
        }
        if (message.contains("nonce")) {
            return "its nonce does not belong to this sign-in";
        }
        if (message.contains("plain") || message.contains("unsecured")) {
            return "it is not signed";
        }
        if (message.contains("signature") || message.contains("key")) {
            return "its signature does not match the provider's keys";
        }
        if (message.contains("signed")) {
            return "it is not signed";
        }
        return "it failed validation";
    }

    private OIDCProviderMetadata metadata() {
        OIDCProviderMetadata known = metadata;
        if (known != null) {
            return known;
        }
        if (!isConfigured()) {
            throw SignInRefused.of("not-configured", 404, "No identity provider is configured on this server.");
        }
        try {
            known = OIDCProviderMetadata.resolve(new Issuer(issuer));
        } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
            LOG.warn("The identity provider's discovery document could not be read: {}", e.toString());
            throw SignInRefused.of("provider-unreachable", 502, "The identity provider could not be reached.");
        }
        metadata = known;
        return known;
    }

    private IDTokenValidator validator() {
        IDTokenValidator known = validator;
        if (known != null) {
            return known;
        }
        try {
            known = new IDTokenValidator(
                    new Issuer(issuer),
                    new ClientID(clientId),
                    algorithm,
                    metadata().getJWKSetURI().toURL());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("The provider's JWKS URL is not a URL", e);
        }
        validator = known;
        return known;
    }

    static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
