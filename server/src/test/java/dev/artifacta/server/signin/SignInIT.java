package dev.artifacta.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Browser;
import dev.artifacta.server.testing.Browser.Page;
import dev.artifacta.server.testing.IdentityProvider;
import dev.artifacta.server.testing.MovableClock;
import dev.artifacta.server.testing.Tables;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * People sign in through a real OpenID Connect provider (in-process), driven hop by hop over HTTP as
 * a browser would: the redirect to the provider, its redirect back, the callback, the session.
 */
@MicronautTest(transactional = false)
class SignInIT extends ApiTest {

    private IdentityProvider provider;

    /** What each refusal says was wrong. */
    private static final Map<String, String> REASONS = Map.of(
            "forged", "signature",
            "expired", "expired",
            "wrong-issuer", "another issuer",
            "wrong-audience", "another client",
            "wrong-nonce", "nonce",
            "unsigned", "not signed");

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    MovableClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        provider = new IdentityProvider();
        var properties = new HashMap<>(provider.properties());
        properties.put("artifacta.test.movable-clock", "true");
        properties.put("artifacta.auth.session.idle-timeout", "30m");
        properties.put("artifacta.auth.session.absolute-timeout", "12h");
        return properties;
    }

    @AfterAll
    void stopProvider() {
        provider.close();
    }

    private Browser browser() {
        return new Browser(server.getURL().toString());
    }

    /** The provider's redirect back to the callback, after the browser went to it from /auth/login. */
    private String toProviderAndBack(Browser browser, String loginPath) {
        Page login = browser.get(loginPath);
        assertThat(login.status()).as(login.body()).isEqualTo(302);
        Page authorize = browser.get(login.location().orElseThrow());
        assertThat(authorize.status()).as(authorize.body()).isEqualTo(302);
        return authorize.location().orElseThrow();
    }

    private Page signIn(Browser browser, String email, String name) {
        provider.nextSignIn("sub-" + email, email, true, name);
        return browser.get(toProviderAndBack(browser, "/auth/login"));
    }

    private long events(Tables tables) {
        return ((Number) tables.rows("SELECT COUNT(*) AS n FROM domain_event_entry")
                        .getFirst()
                        .get("n"))
                .longValue();
    }

    private long tenants(Tables tables) {
        return ((Number) tables.rows("SELECT COUNT(*) AS n FROM tenant_registry")
                        .getFirst()
                        .get("n"))
                .longValue();
    }

    private static String csrf(Browser browser) {
        return browser.getJson("/auth/session").json().get("csrfToken").asText();
    }

    @Test
    void givenAFirstSignIn_whenTheCodeFlowCompletes_thenAWorkspaceIsMadeWithThePersonAsOwner_andItsFirstKeyShownOnce() {
        Browser browser = browser();
        String email = "dana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        Page welcome = signIn(browser, email, "Dana Dev");

        assertThat(welcome.status()).as(welcome.body()).isEqualTo(201);
        assertThat(welcome.body()).contains("you will not see it again").containsPattern("ak_live_[A-Za-z0-9]{32}");
        assertThat(welcome.header("Cache-Control")).contains("no-store");
        List<String> setCookies = welcome.raw().headers().allValues("Set-Cookie");
        String sessionCookie = setCookies.stream()
                .filter(c -> c.startsWith("artifacta_session="))
                .findFirst()
                .orElseThrow();
        assertThat(sessionCookie)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .contains("Path=/");
        String key = welcome.body().replaceAll("(?s).*(ak_live_[A-Za-z0-9]{32}).*", "$1");

        Page session = browser.getJson("/auth/session");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("email").asText()).isEqualTo(email);
        assertThat(session.json().get("displayName").asText()).isEqualTo("Dana Dev");
        assertThat(session.json().get("role").asText()).isEqualTo("owner");
        assertThat(session.json().at("/workspace/name").asText()).startsWith("dana-");
        assertThat(session.json().get("csrfToken").asText()).isNotBlank();
        assertThat(browser.getJson("/v1/whoami").json().at("/principal/type").asText())
                .isEqualTo("user");
        // The key shown once works, in the same workspace, acting as the person.
        var whoami = api.get("/v1/whoami", key).json();
        assertThat(whoami.at("/tenant/id").asText())
                .isEqualTo(session.json().at("/workspace/id").asText());
        assertThat(whoami.at("/key/identity/name").asText()).isEqualTo(email);

        // A second sign-in of the same person opens the same workspace and shows no key.
        Browser again = browser();
        Page second = signIn(again, email, "Dana D.");
        assertThat(second.status()).isEqualTo(303);
        assertThat(second.location()).contains("/console");
        assertThat(again.getJson("/auth/session").json().at("/workspace/id").asText())
                .isEqualTo(session.json().at("/workspace/id").asText());

        // The audit trail knows the person: id, email, name at the time.
        var audit =
                api.get("/v1/audit-events?action=user.signed_in", key).json().get("items");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).at("/actor/type").asText()).isEqualTo("user");
        assertThat(audit.get(0).at("/actor/displayName").asText()).isEqualTo("Dana D.");
        assertThat(audit.get(1).at("/actor/displayName").asText()).isEqualTo("Dana Dev");
    }

    @Test
    void givenASession_whenItChangesSomething_thenTheCsrfTokenIsRequired_butAnApiKeyNeedsNone() {
        Browser browser = browser();
        signIn(browser, "csrf-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Casey");

        Page without = browser.post("/v1/projects", "{\"slug\":\"no-token\",\"name\":\"No token\"}");
        Page wrong = browser.post(
                "/v1/projects", "{\"slug\":\"wrong-token\",\"name\":\"Wrong\"}", "X-CSRF-Token", "not-the-token");
        Page with = browser.post(
                "/v1/projects", "{\"slug\":\"with-token\",\"name\":\"With\"}", "X-CSRF-Token", csrf(browser));

        assertThat(without.status()).isEqualTo(403);
        assertThat(without.json().get("type").asText()).endsWith("/csrf-token-required");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(with.status()).as(with.body()).isEqualTo(201);
        assertThat(browser.getJson("/v1/projects").body())
                .contains("with-token")
                .doesNotContain("no-token");
    }

    @Test
    void givenASession_whenThePersonSignsOut_thenTheSessionIsRefusedEverywhere_evenWithTheOldCookie() {
        Browser browser = browser();
        signIn(browser, "out-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Olive");
        String cookie = browser.cookie("artifacta_session").orElseThrow().getValue();
        String token = csrf(browser);

        assertThat(browser.post("/auth/logout", "", "X-CSRF-Token", "nope").status())
                .isEqualTo(403);
        Page out = browser.post("/auth/logout", "", "X-CSRF-Token", token);

        assertThat(out.status()).isEqualTo(204);
        Browser thief = browser();
        thief.setCookie("artifacta_session", cookie);
        Page refused = thief.getJson("/auth/session");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).contains("ended");
        assertThat(thief.getJson("/v1/whoami").status()).isEqualTo(401);
    }

    @Test
    void givenAnIdleSession_whenUsedAfterItsIdleTimeout_thenRefused_andTheExpiryIsAudited() {
        Browser browser = browser();
        Page welcome = signIn(browser, "idle-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Ida");
        String key = welcome.body().replaceAll("(?s).*(ak_live_[A-Za-z0-9]{32}).*", "$1");
        assertThat(browser.getJson("/auth/session").status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));

        Page refused = browser.getJson("/auth/session");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).contains("inactivity");
        // The refusal does not wait for the audit view (nothing was written by the caller): a reader
        // of the trail sees the expiry once the view has it.
        var expired = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/v1/audit-events?action=user.session_expired", key)
                                .json()
                                .get("items"),
                        items -> items.size() > 0);
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).at("/details/reason").asText()).isEqualTo("idle");
    }

    @Test
    void givenAnUnverifiedEmail_whenSigningIn_thenRefused_withNoWorkspaceAndNoSession() {
        Tables tables = new Tables(dataSource);
        long tenantsBefore = tenants(tables);
        Browser browser = browser();
        provider.nextSignIn("sub-unverified", "unverified@example.com", false, "Una");

        Page refused = browser.get(toProviderAndBack(browser, "/auth/login"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("/sign-in-email-not-verified");
        assertThat(browser.cookie("artifacta_session")).isEmpty();
        assertThat(tenants(tables)).isEqualTo(tenantsBefore);
    }

    @Test
    void givenTheSignInState_whenItIsMissingMismatchedOrReplayed_thenEachIsA400_andNothingIsWritten() {
        Tables tables = new Tables(dataSource);
        Browser browser = browser();
        provider.nextSignIn("sub-state", "state@example.com", true, "Stu");
        String callback = toProviderAndBack(browser, "/auth/login");
        long before = events(tables);

        Page otherBrowser = browser().get(callback);
        Page missing = browser.get("/auth/callback?code=abc");
        String withoutState = callback.replaceAll("state=[^&]+", "state=forged");
        Page mismatched = browser.get(withoutState);

        assertThat(otherBrowser.status()).isEqualTo(400);
        assertThat(otherBrowser.json().get("type").asText()).endsWith("/sign-in-state-mismatch");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("type").asText()).endsWith("/sign-in-state-missing");
        assertThat(mismatched.status()).isEqualTo(400);
        assertThat(events(tables)).isEqualTo(before);

        Page first = browser.get(callback);
        // The callback cleared the browser's state cookie; a replay that brings it back still fails.
        browser.setCookie("artifacta_signin", query(callback).get("state"));
        Page replayed = browser.get(callback);
        assertThat(first.status()).isEqualTo(201);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.json().get("type").asText()).endsWith("/sign-in-state-unknown");
    }

    @Test
    void givenTheProviderRefuses_whenItSendsAnError_thenA400_andNoSession() {
        Browser browser = browser();
        Page login = browser.get("/auth/login");
        String state = query(login.location().orElseThrow()).get("state");

        Page refused = browser.get("/auth/callback?error=access_denied&state=" + state);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asText()).endsWith("/sign-in-provider-error");
        assertThat(browser.cookie("artifacta_session")).isEmpty();
    }

    /** Forged, expired, wrong-issuer, wrong-audience, wrong-nonce and unsigned ID tokens are all refused. */
    @Test
    void givenABadIdToken_whenTheTokenEndpointAnswersWithIt_thenTheSignInIsRefused_andNothingIsWritten()
            throws Exception {
        Tables tables = new Tables(dataSource);
        // One good sign-in first, so discovery and the provider's keys are known to the server.
        signIn(browser(), "warmup-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Warm");
        RSAKey providerKey = JWKSet.load(URI.create(provider.server()
                                .jwksUrl(IdentityProvider.ISSUER_ID)
                                .toString())
                        .toURL())
                .getKeys()
                .getFirst()
                .toRSAKey();
        RSAKey forger = new RSAKeyGenerator(2048).keyID(providerKey.getKeyID()).generate();

        Map<String, Function<String, String>> tokens = Map.of(
                "forged", nonce -> signed(forger, claims(provider.issuer(), IdentityProvider.CLIENT_ID, nonce, 3600)),
                "expired",
                        nonce -> provider.server()
                                .issueToken(
                                        IdentityProvider.ISSUER_ID,
                                        IdentityProvider.CLIENT_ID,
                                        new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                                                IdentityProvider.ISSUER_ID,
                                                "sub-x",
                                                "JWT",
                                                List.of(IdentityProvider.CLIENT_ID),
                                                Map.of(
                                                        "nonce",
                                                        nonce,
                                                        "email",
                                                        "x@example.com",
                                                        "email_verified",
                                                        true),
                                                -3600))
                                .serialize(),
                "wrong-issuer",
                        // Signed with this provider's own key, so only the issuer is wrong.
                        nonce -> provider.server()
                                .getConfig()
                                .getTokenProvider()
                                .jwt(
                                        Map.of(
                                                "iss",
                                                "https://elsewhere.example/",
                                                "sub",
                                                "sub-x",
                                                "aud",
                                                IdentityProvider.CLIENT_ID,
                                                "nonce",
                                                nonce,
                                                "email",
                                                "x@example.com",
                                                "email_verified",
                                                true),
                                        java.time.Duration.ofHours(1),
                                        IdentityProvider.ISSUER_ID)
                                .serialize(),
                "wrong-audience",
                        nonce -> provider.server()
                                .issueToken(
                                        IdentityProvider.ISSUER_ID,
                                        "someone-else",
                                        new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                                                IdentityProvider.ISSUER_ID,
                                                "sub-x",
                                                "JWT",
                                                List.of("someone-else"),
                                                Map.of(
                                                        "nonce",
                                                        nonce,
                                                        "email",
                                                        "x@example.com",
                                                        "email_verified",
                                                        true),
                                                3600))
                                .serialize(),
                "wrong-nonce",
                        nonce -> provider.server()
                                .issueToken(
                                        IdentityProvider.ISSUER_ID,
                                        IdentityProvider.CLIENT_ID,
                                        new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                                                IdentityProvider.ISSUER_ID,
                                                "sub-x",
                                                "JWT",
                                                List.of(IdentityProvider.CLIENT_ID),
                                                Map.of(
                                                        "nonce",
                                                        "not-this-sign-in",
                                                        "email",
                                                        "x@example.com",
                                                        "email_verified",
                                                        true),
                                                3600))
                                .serialize(),
                "unsigned",
                        nonce -> new PlainJWT(claims(provider.issuer(), IdentityProvider.CLIENT_ID, nonce, 3600))
                                .serialize());

        for (var bad : tokens.entrySet()) {
            long before = events(tables);
            Browser browser = browser();
            Page login = browser.get("/auth/login");
            String nonce = query(login.location().orElseThrow()).get("nonce");
            Page authorize = browser.get(login.location().orElseThrow());
            provider.nextIdToken(bad.getValue().apply(nonce));

            Page refused = browser.get(authorize.location().orElseThrow());

            assertThat(refused.status())
                    .as(bad.getKey() + ": " + refused.body())
                    .isEqualTo(401);
            assertThat(refused.json().get("type").asText()).as(bad.getKey()).endsWith("/sign-in-invalid-id-token");
            assertThat(refused.json().get("detail").asText()).as(bad.getKey()).contains(REASONS.get(bad.getKey()));
            assertThat(browser.cookie("artifacta_session")).as(bad.getKey()).isEmpty();
            assertThat(events(tables)).as(bad.getKey() + " writes nothing").isEqualTo(before);
        }
    }

    @Test
    void givenNoProviderForTheWorkspaceAsked_whenAPersonIsNotAMember_thenRefused() {
        Browser browser = browser();
        provider.nextSignIn("sub-stranger", "stranger@example.com", true, "Stranger");

        Page refused = browser.get(toProviderAndBack(browser, "/auth/login?workspace=not-mine"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("/sign-in-not-a-member");
    }

    private static JWTClaimsSet claims(String issuer, String audience, String nonce, long expiresIn) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("sub-forged")
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(expiresIn)))
                .claim("nonce", nonce)
                .claim("email", "forged@example.com")
                .claim("email_verified", true)
                .build();
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        return Arrays.stream(query.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        p -> p[0],
                        p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8),
                        (a, b) -> a));
    }
}
