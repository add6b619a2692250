package dev.artifacta.server.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;

/**
 * A real OpenID Connect provider in this process (mock-oauth2-server: discovery, JWKS, signed ID
 * tokens, the authorization code flow with PKCE and nonce). Each test says who signs in next.
 */
public final class IdentityProvider implements AutoCloseable {

    public static final String ISSUER_ID = "default";
    public static final String CLIENT_ID = "artifacta-test";
    public static final String CLIENT_SECRET = "test-client-secret";

    private final AtomicReference<String> nextTokenResponse = new AtomicReference<>();

    /** The token endpoint answers the next exchange with a raw body when a test armed one. */
    private final Route armedTokenEndpoint = new Route() {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return nextTokenResponse.get() != null
                    && request.getMethod().equals("POST")
                    && request.getUrl().encodedPath().endsWith("/token");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return new OAuth2HttpResponse(
                    Headers.of("Content-Type", "application/json"), 200, nextTokenResponse.getAndSet(null), null);
        }
    };

    private final MockOAuth2Server server = new MockOAuth2Server(armedTokenEndpoint);

    public IdentityProvider() {
        server.start();
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    public MockOAuth2Server server() {
        return server;
    }

    /** The properties that point a server at this provider. */
    public Map<String, String> properties() {
        return Map.of(
                "artifacta.auth.oidc.issuer", issuer(),
                "artifacta.auth.oidc.client-id", CLIENT_ID,
                "artifacta.auth.oidc.client-secret", CLIENT_SECRET);
    }

    /** The next person the provider signs in. */
    public void nextSignIn(String subject, String email, boolean emailVerified, String name) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER_ID,
                subject,
                "JWT",
                List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", emailVerified, "name", name),
                3600));
    }

    /** The next code exchange gets this ID token (and a dummy access token), whatever it is. */
    public void nextIdToken(String idToken) {
        nextTokenResponse.set("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"id_token\":\"" + idToken + "\"}");
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
