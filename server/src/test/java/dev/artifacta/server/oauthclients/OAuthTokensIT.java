package dev.artifacta.server.oauthclients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.MovableClock;
import dev.artifacta.server.testing.Tables;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint and bearer tokens through real HTTP: client-credentials grants, tokens that
 * authenticate as the client acting for its registering member, and every way a token is refused
 * (expired, revoked, another audience, under-scoped, disabled client), each with its challenge.
 */
@MicronautTest(transactional = false)
class OAuthTokensIT extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MovableClock clock;

    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.test.movable-clock", "true", "artifacta.oauth.access-token-lifetime", "10m");
    }

    /** A registered client: its id and secret. */
    record Client(String id, String secret) {}

    private Client register(Tenant tenant, String name, String scopes) {
        ApiResponse created =
                api.post("/v1/oauth-clients", tenant.key(), "{\"name\":\"" + name + "\",\"scopes\":[" + scopes + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Client(
                created.json().get("clientId").asText(),
                created.json().get("clientSecret").asText());
    }

    private ApiResponse tokenRequest(Client client, String form) {
        String basic = Base64.getEncoder()
                .encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        return api.send(HttpRequest.POST("/oauth/token", form)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header("Authorization", "Basic " + basic));
    }

    private String token(Client client) {
        ApiResponse granted = tokenRequest(client, "grant_type=client_credentials");
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        return granted.json().get("access_token").asText();
    }

    @Test
    void givenClient_whenItAsksForAToken_thenTheTokenActsAsTheClientForItsMember_andTheGrantIsAudited() {
        Tenant tenant = api.signUp("oauth-token");
        Client client = register(tenant, "Claude Desktop", "\"artifacts:read\",\"artifacts:create\"");

        ApiResponse granted = tokenRequest(client, "grant_type=client_credentials&scope=artifacts%3Aread");

        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = granted.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(600);
        assertThat(body.get("scope").asText()).isEqualTo("artifacts:read");
        String token = body.get("access_token").asText();
        JsonNode principal = api.get("/v1/whoami", token).json().get("principal");
        assertThat(principal.get("type").asText()).isEqualTo("oauth_client");
        assertThat(api.get("/v1/projects", token).status()).isEqualTo(200);

        ApiResponse underScoped = api.post("/v1/artifacts", token, "{\"title\":\"t\",\"content\":\"x\"}");
        assertThat(underScoped.status()).isEqualTo(403);
        assertThat(underScoped.json().get("detail").asText())
                .isEqualTo("This access token of the OAuth client 'Claude Desktop' was not granted the scope"
                        + " 'artifacts:create' that this request needs.");
        assertThat(underScoped.header("WWW-Authenticate"))
                .startsWith("Bearer error=\"insufficient_scope\"")
                .contains("scope=\"artifacts:create\"")
                .contains("resource_metadata=\"");

        JsonNode issued = audit(tenant, "oauth_token.issued", 1);
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0).at("/actor/type").asText()).isEqualTo("oauth_client");
        assertThat(issued.get(0).at("/actor/displayName").asText()).isEqualTo("OAuth client: Claude Desktop");
        JsonNode denied = audit(tenant, "access.denied", 1);
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).at("/actor/type").asText()).isEqualTo("oauth_client");
        for (Map<String, Object> row : new Tables(dataSource)
                .rows("SELECT convert_from(payload, 'UTF8') AS p, convert_from(meta_data, 'UTF8') AS m"
                        + " FROM domain_event_entry")) {
            assertThat(row.toString()).doesNotContain(token).doesNotContain(client.secret());
        }
    }

    @Test
    void givenClientSecretPost_whenTheSecretIsRight_thenGranted_andAWrongSecretIsInvalidClient() {
        Tenant tenant = api.signUp("oauth-post");
        Client client = register(tenant, "poster", "\"artifacts:read\"");

        ApiResponse granted = api.send(HttpRequest.POST(
                        "/oauth/token",
                        "grant_type=client_credentials&client_id=" + client.id() + "&client_secret=" + client.secret())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        ApiResponse wrong =
                tokenRequest(new Client(client.id(), "cs_live_" + "x".repeat(32)), "grant_type=client_credentials");
        ApiResponse unknown = tokenRequest(
                new Client(UUID.randomUUID().toString(), client.secret()), "grant_type=client_credentials");
        ApiResponse tooMuch = tokenRequest(client, "grant_type=client_credentials&scope=audit%3Aread");
        ApiResponse unsupported = tokenRequest(client, "grant_type=password&username=a&password=b");

        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        for (ApiResponse refused : java.util.List.of(wrong, unknown)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("error").asText()).isEqualTo("invalid_client");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
        }
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.json().get("error").asText()).isEqualTo("invalid_scope");
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.json().get("error").asText()).isEqualTo("unsupported_grant_type");
        JsonNode refusals = audit(tenant, "oauth_token.refused", 2);
        assertThat(refusals).hasSize(2);
        assertThat(refusals)
                .allSatisfy(
                        entry -> assertThat(entry.at("/actor/type").asText()).isEqualTo("oauth_client"));
    }

    @Test
    void givenToken_whenRevoked_thenTheNextCallIsRefusedWithTheInvalidTokenChallenge() {
        Tenant tenant = api.signUp("oauth-revoke");
        Client client = register(tenant, "revoker", "\"artifacts:read\"");
        String token = token(client);
        assertThat(api.get("/v1/projects", token).status()).isEqualTo(200);

        ApiResponse revoked = api.send(HttpRequest.POST("/oauth/revoke", "token=" + token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .basicAuth(client.id(), client.secret()));

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        ApiResponse refused = api.get("/v1/projects", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("WWW-Authenticate"))
                .startsWith("Bearer error=\"invalid_token\"")
                .contains("resource_metadata=\"http://");
        assertThat(refused.json().get("detail").asText()).contains("revoked");
        assertThat(audit(tenant, "oauth_token.revoked", 1)).hasSize(1);
    }

    @Test
    void givenTokens_whenTheClientIsDisabled_thenEveryTokenIsRefused_andItGetsNoNewOne() {
        Tenant tenant = api.signUp("oauth-disable");
        Client client = register(tenant, "to-disable", "\"artifacts:read\"");
        String token = token(client);

        assertThat(api.post("/v1/oauth-clients/" + client.id() + "/disable", tenant.key(), "")
                        .status())
                .isEqualTo(200);

        ApiResponse refused = api.get("/v1/projects", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).contains("disabled");
        assertThat(tokenRequest(client, "grant_type=client_credentials").status())
                .isEqualTo(401);
    }

    @Test
    void givenToken_whenItsLifetimeHasPassed_thenRefusedAsExpired() {
        Tenant tenant = api.signUp("oauth-expire");
        Client client = register(tenant, "short-lived", "\"artifacts:read\"");
        String token = token(client);
        assertThat(api.get("/v1/projects", token).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(11));

        ApiResponse refused = api.get("/v1/projects", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(refused.json().get("detail").asText()).contains("expired");
    }

    @Test
    void givenATokenForAnotherAudience_orSignedByAnotherKey_thenRefused() throws Exception {
        Tenant tenant = api.signUp("oauth-audience");
        Client client = register(tenant, "aud", "\"artifacts:read\"");
        String good = token(client);
        SignedJWT parsed = SignedJWT.parse(good);
        ECKey serverKey = ECKey.parse((String) new Tables(dataSource)
                .rows("SELECT private_jwk FROM oauth_signing_key")
                .get(0)
                .get("private_jwk"));
        JWTClaimsSet otherAudience = new JWTClaimsSet.Builder(parsed.getJWTClaimsSet())
                .audience("https://elsewhere.example")
                .build();
        JWTClaimsSet unsigned = parsed.getJWTClaimsSet();

        ApiResponse wrongAudience = api.get("/v1/projects", sign(otherAudience, serverKey));
        ApiResponse otherKey = api.get(
                "/v1/projects",
                sign(
                        unsigned,
                        new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                                .keyID(serverKey.getKeyID())
                                .generate()));

        assertThat(wrongAudience.status()).isEqualTo(401);
        assertThat(wrongAudience.json().get("detail").asText()).contains("another resource");
        assertThat(otherKey.status()).isEqualTo(401);
        assertThat(otherKey.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(api.get("/v1/projects", good).status()).isEqualTo(200);
    }

    @Test
    void metadataAndKeysArePublished() throws Exception {
        ApiResponse as = api.get("/.well-known/oauth-authorization-server", null);
        ApiResponse pr = api.get("/.well-known/oauth-protected-resource", null);
        ApiResponse jwks = api.get("/oauth/jwks", null);

        assertThat(as.status()).isEqualTo(200);
        assertThat(as.json().get("token_endpoint").asText()).endsWith("/oauth/token");
        assertThat(as.json().get("grant_types_supported").toString())
                .contains("client_credentials", "authorization_code", "refresh_token");
        assertThat(as.json().get("authorization_endpoint").asText()).endsWith("/oauth/authorize");
        assertThat(as.json().get("registration_endpoint").asText()).endsWith("/oauth/register");
        assertThat(as.json().get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(as.json().get("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(as.json().get("token_endpoint_auth_methods_supported").toString())
                .contains("none");
        assertThat(pr.json().get("authorization_servers").get(0).asText())
                .isEqualTo(as.json().get("issuer").asText());
        assertThat(pr.json().get("resource").asText()).startsWith("http://");
        JsonNode key = JSON.readTree(jwks.body()).get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("EC");
        assertThat(key.has("d")).isFalse();
    }

    /**
     * The tenant's audit entries of an action, once the audit view has them: token events are
     * published without waiting for the views (a token request should not wait for the audit log).
     */
    private JsonNode audit(Tenant tenant, String action, int expected) {
        return api.auditEntries(tenant.key(), action, expected);
    }

    private static String sign(JWTClaimsSet claims, ECKey key) throws Exception {
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
