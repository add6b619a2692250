package dev.artifacta.server.oauthclients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.artifacta.events.UserIds;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Browser;
import dev.artifacta.server.testing.Browser.Page;
import dev.artifacta.server.testing.Tables;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The authorization-code grant with PKCE as an MCP client uses it, through real HTTP with a
 * signed-in browser session (the development sign-in): the client sends the person to
 * /oauth/authorize, they sign in and come back, see the consent page, approve or deny with the
 * form's CSRF token; the client redeems the code once with its verifier, refreshes with rotating
 * refresh tokens, and calls the MCP server acting for the person.
 */
@MicronautTest(transactional = false)
class OAuthAuthorizationCodeIT extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDIRECT = "http://127.0.0.1:33418/callback";
    private static final Pattern KEY = Pattern.compile("ak_live_[A-Za-z0-9]{32}");
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.auth.dev-sign-in", "true");
    }

    /** A person signed in to the workspace their first sign-in made, and that workspace's first key. */
    record Person(Browser browser, String email, String key) {}

    private Person newOwner(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Browser browser = new Browser(server.getURL().toString());
        Page welcome = browser.postForm("/auth/dev/login", "email=" + email + "&name=Dana+Dev");
        assertThat(welcome.status()).as(welcome.body()).isEqualTo(201);
        Matcher key = KEY.matcher(welcome.body());
        assertThat(key.find()).isTrue();
        return new Person(browser, email, key.group());
    }

    private String registerPublicClient(Person owner, String name, String scopes) {
        ApiResponse created = api.post(
                "/v1/oauth-clients",
                owner.key(),
                "{\"name\":\"" + name + "\",\"scopes\":[" + scopes + "],\"grantTypes\":[\"authorization_code\","
                        + "\"refresh_token\"],\"redirectUris\":[\"" + REDIRECT + "\"],\"confidential\":false}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("clientSecret").isNull()).isTrue();
        return created.json().get("clientId").asText();
    }

    private String authorizeUrl(String clientId, String scope, String state, CodeVerifier verifier) {
        return "/oauth/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + encode(REDIRECT)
                + "&scope=" + encode(scope) + "&state=" + state + "&code_challenge="
                + CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue()
                + "&code_challenge_method=S256&resource=" + encode(server.getURL() + "/mcp");
    }

    /** The consent form's fields, as a browser would post them back. */
    private static List<String[]> fields(Page consent) {
        List<String[]> fields = new ArrayList<>();
        String form = consent.body().substring(consent.body().indexOf("action=\"/oauth/authorize\""));
        Matcher hidden = HIDDEN.matcher(form.substring(0, form.indexOf("</form>")));
        while (hidden.find()) {
            fields.add(new String[] {hidden.group(1), unescape(hidden.group(2))});
        }
        return fields;
    }

    private static Page decide(Browser browser, Page consent, String decision) {
        StringBuilder form = new StringBuilder("decision=" + decision);
        for (String[] field : fields(consent)) {
            form.append('&').append(encode(field[0])).append('=').append(encode(field[1]));
        }
        return browser.postForm("/oauth/authorize", form.toString());
    }

    /** Approves the request on the consent page; answers the code the client receives. */
    private String approve(Browser browser, String clientId, String scope, String state, CodeVerifier verifier) {
        Page consent = browser.get(authorizeUrl(clientId, scope, state, verifier));
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        Page approved = decide(browser, consent, "approve");
        assertThat(approved.status()).as(approved.body()).isEqualTo(303);
        Map<String, String> answer = query(approved.location().orElseThrow());
        assertThat(approved.location().orElseThrow()).startsWith(REDIRECT + "?");
        assertThat(answer.get("state")).isEqualTo(state);
        assertThat(answer.get("code")).startsWith("ac_live_");
        return answer.get("code");
    }

    private ApiResponse exchange(String clientId, String code, CodeVerifier verifier) {
        return tokenRequest("grant_type=authorization_code&client_id=" + clientId + "&code=" + code + "&redirect_uri="
                + encode(REDIRECT) + "&code_verifier=" + verifier.getValue());
    }

    private ApiResponse tokenRequest(String form) {
        return api.send(HttpRequest.POST("/oauth/token", form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    }

    @Test
    void givenASignedOutPerson_theySignInComeBackApprove_andTheClientActsForThemThroughMcp() throws Exception {
        Person owner = newOwner("dana");
        String clientId = registerPublicClient(owner, "Claude Code", "\"artifacts:read\",\"audit:read\"");
        var verifier = new CodeVerifier();
        String authorize = authorizeUrl(clientId, "artifacts:read audit:read", "xyz-1", verifier);

        // Another browser, not signed in: the sign-in page, then back to the request once signed in.
        Browser browser = new Browser(server.getURL().toString());
        Browser stale = new Browser(server.getURL().toString());
        stale.setCookie("artifacta_session", "an-ended-session");
        Page signInAgain = stale.get(authorize);
        assertThat(signInAgain.status()).as("an ended session signs in again").isEqualTo(200);
        assertThat(signInAgain.body()).contains("Development sign-in");
        Page signIn = browser.get(authorize);
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.body()).contains("Development sign-in");
        Page back = browser.postForm("/auth/dev/login", "email=" + owner.email() + "&name=Dana+Dev");
        assertThat(back.status()).as(back.body()).isEqualTo(303);
        assertThat(back.location().orElseThrow()).isEqualTo(authorize);

        Page consent = browser.get(back.location().orElseThrow());
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.header("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .contains("form-action 'self' http://127.0.0.1:33418");
        assertThat(consent.header("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(consent.body())
                .contains("Claude Code")
                .contains("artifacts:read")
                .contains("read artifacts, their versions and comments")
                .contains("audit:read")
                .doesNotContain("<script>");
        assertThat(fields(consent).stream().map(f -> f[0])).contains("_csrf", "code_challenge", "state");

        Page approved = decide(browser, consent, "approve");
        assertThat(approved.status()).as(approved.body()).isEqualTo(303);
        Map<String, String> answer = query(approved.location().orElseThrow());
        assertThat(answer.get("state")).isEqualTo("xyz-1");
        assertThat(answer.get("iss")).isEqualTo(server.getURL().toString());

        ApiResponse granted = exchange(clientId, answer.get("code"), verifier);
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.header("Cache-Control")).isEqualTo("no-store");
        assertThat(granted.json().get("scope").asText()).isEqualTo("artifacts:read audit:read");
        String token = granted.json().get("access_token").asText();
        assertThat(granted.json().get("refresh_token").asText()).startsWith("rt_live_");

        JsonNode principal = api.get("/v1/whoami", token).json().get("principal");
        assertThat(principal.get("type").asText()).isEqualTo("oauth_client");
        assertThat(principal.at("/actingFor/type").asText()).isEqualTo("user");
        assertThat(principal.at("/actingFor/id").asText()).isEqualTo(UserIds.of(owner.email()));

        var transport = HttpClientStreamableHttpTransport.builder(
                        server.getURL().toString())
                .endpoint("/mcp")
                .httpRequestCustomizer(
                        (builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + token))
                .build();
        try (McpSyncClient mcp = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("artifacta-it", "1"))
                .build()) {
            mcp.initialize();
            McpSchema.CallToolResult projects = mcp.callTool(new McpSchema.CallToolRequest("list_projects", Map.of()));
            assertThat(projects.isError()).isFalse();
            McpSchema.CallToolResult audit = mcp.callTool(
                    new McpSchema.CallToolRequest("search_audit_log", Map.of("action", "oauth_token.issued")));
            assertThat(audit.isError()).isFalse();
            JsonNode entry = JSON.readTree(
                            ((McpSchema.TextContent) audit.content().getFirst()).text())
                    .at("/entries/0");
            assertThat(entry.at("/actor/type").asText()).isEqualTo("oauth_client");
            assertThat(entry.at("/actor/displayName").asText()).isEqualTo("OAuth client: Claude Code");
            assertThat(entry.at("/actor/identity/type").asText()).isEqualTo("user");
            assertThat(entry.at("/actor/identity/name").asText()).isEqualTo(owner.email());
            assertThat(entry.at("/details/grantType").asText()).isEqualTo("authorization_code");
        }

        JsonNode consented = auditEntries(owner, "oauth_client.authorized");
        assertThat(consented.at("/0/actor/type").asText()).isEqualTo("user");
        assertThat(consented.at("/0/resource/id").asText()).isEqualTo(clientId);
        JsonNode issued = auditEntries(owner, "oauth_token.issued").get(0);
        assertThat(issued.at("/actor/type").asText()).isEqualTo("oauth_client");
        assertThat(issued.at("/actor/identity/name").asText()).isEqualTo(owner.email());
        for (Map<String, Object> row : new Tables(dataSource)
                .rows("SELECT convert_from(payload, 'UTF8') AS p, convert_from(meta_data, 'UTF8') AS m"
                        + " FROM domain_event_entry")) {
            assertThat(row.toString())
                    .doesNotContain(answer.get("code"))
                    .doesNotContain(token)
                    .doesNotContain(granted.json().get("refresh_token").asText());
        }
    }

    @Test
    void givenAnApprovedCode_aWrongVerifierIsRefused_andACodeUsedTwiceRevokesWhatItGave() {
        Person owner = newOwner("pkce");
        String clientId = registerPublicClient(owner, "Desktop", "\"artifacts:read\"");

        var verifier = new CodeVerifier();
        String code = approve(owner.browser(), clientId, "artifacts:read", "s1", verifier);
        ApiResponse wrong = exchange(clientId, code, new CodeVerifier());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");
        ApiResponse afterWrong = exchange(clientId, code, verifier);
        assertThat(afterWrong.status()).as("a code is spent by any attempt").isEqualTo(400);

        var second = new CodeVerifier();
        String good = approve(owner.browser(), clientId, "artifacts:read", "s2", second);
        ApiResponse granted = exchange(clientId, good, second);
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        String token = granted.json().get("access_token").asText();
        String refresh = granted.json().get("refresh_token").asText();
        assertThat(api.get("/v1/projects", token).status()).isEqualTo(200);

        ApiResponse reused = exchange(clientId, good, second);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("invalid_grant");
        ApiResponse refused = api.get("/v1/projects", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        ApiResponse refreshed =
                tokenRequest("grant_type=refresh_token&client_id=" + clientId + "&refresh_token=" + refresh);
        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.json().get("error").asText()).isEqualTo("invalid_grant");

        ApiResponse noVerifier = tokenRequest("grant_type=authorization_code&client_id=" + clientId + "&code="
                + approve(owner.browser(), clientId, "artifacts:read", "s3", new CodeVerifier()) + "&redirect_uri="
                + encode(REDIRECT));
        assertThat(noVerifier.status()).isEqualTo(400);
        assertThat(noVerifier.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void givenRefreshTokens_eachUseRotatesThem_andReusingARotatedOneRevokesTheFamily() {
        Person owner = newOwner("refresh");
        String clientId = registerPublicClient(owner, "Desktop", "\"artifacts:read\"");
        var verifier = new CodeVerifier();
        ApiResponse granted =
                exchange(clientId, approve(owner.browser(), clientId, "artifacts:read", "r1", verifier), verifier);
        String first = granted.json().get("refresh_token").asText();

        ApiResponse rotated =
                tokenRequest("grant_type=refresh_token&client_id=" + clientId + "&refresh_token=" + first);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String second = rotated.json().get("refresh_token").asText();
        String access = rotated.json().get("access_token").asText();
        assertThat(second).startsWith("rt_live_").isNotEqualTo(first);
        assertThat(api.get("/v1/projects", access).status()).isEqualTo(200);

        ApiResponse reused = tokenRequest("grant_type=refresh_token&client_id=" + clientId + "&refresh_token=" + first);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("invalid_grant");
        ApiResponse familyGone =
                tokenRequest("grant_type=refresh_token&client_id=" + clientId + "&refresh_token=" + second);
        assertThat(familyGone.status()).isEqualTo(400);
        assertThat(api.get("/v1/projects", access).status()).isEqualTo(401);

        // Revocation (RFC 7009) of a refresh token ends its grant too.
        var again = new CodeVerifier();
        ApiResponse fresh =
                exchange(clientId, approve(owner.browser(), clientId, "artifacts:read", "r2", again), again);
        String freshAccess = fresh.json().get("access_token").asText();
        ApiResponse revoked = api.send(HttpRequest.POST(
                        "/oauth/revoke",
                        "token=" + fresh.json().get("refresh_token").asText() + "&token_type_hint=refresh_token"
                                + "&client_id=" + clientId)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(api.get("/v1/projects", freshAccess).status()).isEqualTo(401);
        ApiResponse afterRevoke = tokenRequest("grant_type=refresh_token&client_id=" + clientId + "&refresh_token="
                + fresh.json().get("refresh_token").asText());
        assertThat(afterRevoke.status()).isEqualTo(400);
    }

    @Test
    void givenTheConsentPage_denyingSendsAccessDenied_andApprovingNeedsTheCsrfToken() {
        Person owner = newOwner("deny");
        String clientId = registerPublicClient(owner, "Desktop", "\"artifacts:read\"");
        Page consent = owner.browser().get(authorizeUrl(clientId, "artifacts:read", "d1", new CodeVerifier()));

        Page denied = decide(owner.browser(), consent, "deny");
        assertThat(denied.status()).isEqualTo(303);
        Map<String, String> answer = query(denied.location().orElseThrow());
        assertThat(answer.get("error")).isEqualTo("access_denied");
        assertThat(answer.get("state")).isEqualTo("d1");
        assertThat(answer).doesNotContainKey("code");

        StringBuilder withoutCsrf = new StringBuilder("decision=approve");
        for (String[] field : fields(consent)) {
            if (!field[0].equals("_csrf")) {
                withoutCsrf.append('&').append(encode(field[0])).append('=').append(encode(field[1]));
            }
        }
        Page forged = owner.browser().postForm("/oauth/authorize", withoutCsrf.toString());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.location()).isEmpty();
    }

    @Test
    void givenABadRequest_anUnregisteredRedirectIsAnErrorPage_andOtherFaultsGoBackToTheClient() {
        Person owner = newOwner("bad");
        String clientId = registerPublicClient(owner, "Desktop", "\"artifacts:read\"");
        String good = authorizeUrl(clientId, "artifacts:read", "b1", new CodeVerifier());

        Page otherRedirect = owner.browser().get(good.replace(encode(REDIRECT), encode("http://evil.example/cb")));
        assertThat(otherRedirect.status()).isEqualTo(400);
        assertThat(otherRedirect.location()).isEmpty();
        Page plain = owner.browser().get(good.replace("code_challenge_method=S256", "code_challenge_method=plain"));
        assertThat(query(plain.location().orElseThrow()).get("error")).isEqualTo("invalid_request");
        Page tooMuch = owner.browser().get(good.replace("scope=artifacts%3Aread", "scope=members%3Amanage"));
        assertThat(query(tooMuch.location().orElseThrow()).get("error")).isEqualTo("invalid_scope");
        Page elsewhere =
                owner.browser().get(good.replaceAll("resource=[^&]*", "resource=" + encode("https://other.example")));
        assertThat(query(elsewhere.location().orElseThrow()).get("error")).isEqualTo("invalid_target");
    }

    @Test
    void givenAClientOfWorkspaceA_aPersonSignedInToWorkspaceB_cannotAuthorizeIt() {
        Person ownerA = newOwner("tenant-a");
        Person ownerB = newOwner("tenant-b");
        String clientOfA = registerPublicClient(ownerA, "A's desktop", "\"artifacts:read\"");
        String url = authorizeUrl(clientOfA, "artifacts:read", "c1", new CodeVerifier());

        Page page = ownerB.browser().get(url);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.location()).isEmpty();
        assertThat(page.body()).doesNotContain("A&#39;s desktop").doesNotContain("A's desktop");

        // Nor by posting the form with B's own CSRF token.
        String csrf = ownerB.browser()
                .getJson("/auth/session")
                .json()
                .get("csrfToken")
                .asText();
        Page posted = ownerB.browser()
                .postForm(
                        "/oauth/authorize",
                        url.substring(url.indexOf('?') + 1) + "&decision=approve&_csrf=" + encode(csrf));
        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.location()).isEmpty();
    }

    @Test
    void givenAViewer_theConsentGrantsOnlyWhatTheirRoleAllows_andAConfidentialClientMustUseItsSecret() {
        Person owner = newOwner("roles");
        String email = "vera-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiResponse invited =
                api.post("/v1/invitations", owner.key(), "{\"email\":\"" + email + "\",\"role\":\"viewer\"}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        Browser viewer = new Browser(server.getURL().toString());
        Page joined = viewer.postForm("/auth/dev/login", "email=" + email + "&name=Vera+Viewer");
        assertThat(joined.status()).as(joined.body()).isEqualTo(303);
        ApiResponse created = api.post(
                "/v1/oauth-clients",
                owner.key(),
                "{\"name\":\"Editor bot\",\"scopes\":[\"artifacts:read\",\"artifacts:create\"],\"grantTypes\":"
                        + "[\"authorization_code\"],\"redirectUris\":[\"" + REDIRECT + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        String secret = created.json().get("clientSecret").asText();

        var verifier = new CodeVerifier();
        Page consent = viewer.get(authorizeUrl(clientId, "artifacts:read artifacts:create", "v1", verifier));
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.body().substring(consent.body().indexOf("Not granted")))
                .contains("artifacts:create");
        Page approved = decide(viewer, consent, "approve");
        String code = query(approved.location().orElseThrow()).get("code");

        ApiResponse withoutSecret = exchange(clientId, code, verifier);
        assertThat(withoutSecret.status()).isEqualTo(401);
        assertThat(withoutSecret.json().get("error").asText()).isEqualTo("invalid_client");
        ApiResponse granted = api.send(HttpRequest.POST(
                        "/oauth/token",
                        "grant_type=authorization_code&code=" + code + "&redirect_uri=" + encode(REDIRECT)
                                + "&code_verifier=" + verifier.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .basicAuth(clientId, secret));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().get("scope").asText()).isEqualTo("artifacts:read");
        assertThat(granted.json().has("refresh_token"))
                .as("the client has no refresh_token grant")
                .isFalse();
        String token = granted.json().get("access_token").asText();
        assertThat(api.get("/v1/projects", token).status()).isEqualTo(200);
        ApiResponse create = api.post("/v1/artifacts", token, "{\"title\":\"t\",\"content\":\"x\"}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.header("WWW-Authenticate")).contains("insufficient_scope");
    }

    private ApiResponse selfRegister(String json) {
        return api.send(HttpRequest.POST("/oauth/register", json).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    @Test
    void givenASelfRegisteredClient_itIsRefusedUntilTheWorkspaceAllowsIt_thenApprovalMakesItTheWorkspacesClient() {
        Person owner = newOwner("dcr");
        Person other = newOwner("dcr-other");
        ApiResponse registered = selfRegister("{\"client_name\":\"Cursor\",\"redirect_uris\":[\"" + REDIRECT
                + "\"],\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\","
                + "\"refresh_token\"],\"response_types\":[\"code\"],\"scope\":\"artifacts:read audit:read\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().has("client_secret")).isFalse();
        assertThat(registered.json().get("token_endpoint_auth_method").asText()).isEqualTo("none");
        String clientId = registered.json().get("client_id").asText();
        var verifier = new CodeVerifier();
        String url = authorizeUrl(clientId, "artifacts:read", "dcr1", verifier);

        assertThat(api.get("/v1/oauth-client-registration", owner.key())
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        Page refused = owner.browser().get(url);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("does not allow such applications");
        assertThat(refused.location()).isEmpty();

        ApiResponse allowed = api.put("/v1/oauth-client-registration", owner.key(), "{\"enabled\":true}");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().get("enabled").asBoolean()).isTrue();
        Page consent = owner.browser().get(url);
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.body()).contains("Cursor").contains("registered itself");
        Page approved = decide(owner.browser(), consent, "approve");
        assertThat(approved.status()).as(approved.body()).isEqualTo(303);
        ApiResponse granted =
                exchange(clientId, query(approved.location().orElseThrow()).get("code"), verifier);
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(api.get("/v1/projects", granted.json().get("access_token").asText())
                        .status())
                .isEqualTo(200);

        JsonNode client = api.get("/v1/oauth-clients/" + clientId, owner.key()).json();
        assertThat(client.get("name").asText()).isEqualTo("Cursor");
        assertThat(client.get("confidential").asBoolean()).isFalse();
        assertThat(client.at("/actingFor/name").asText()).isEqualTo(owner.email());
        // Now the first workspace's client: another workspace cannot approve it, allowed or not.
        api.put("/v1/oauth-client-registration", other.key(), "{\"enabled\":true}");
        Page elsewhere = other.browser().get(authorizeUrl(clientId, "artifacts:read", "dcr2", new CodeVerifier()));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(api.get("/v1/oauth-clients/" + clientId, other.key()).status())
                .isEqualTo(404);
        ApiResponse off = api.put("/v1/oauth-client-registration", owner.key(), "{\"enabled\":false}");
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(auditEntries(owner, "tenant.client_registration_changed", 2)).hasSize(2);
    }

    @Test
    void selfRegistrationIsForPublicClientsWithRedirectUrisThatWouldBeAcceptedAnyway() {
        ApiResponse confidential = selfRegister("{\"redirect_uris\":[\"" + REDIRECT + "\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\"}");
        ApiResponse badRedirect = selfRegister(
                "{\"redirect_uris\":[\"http://evil.example/cb\"]," + "\"token_endpoint_auth_method\":\"none\"}");
        ApiResponse machine = selfRegister("{\"redirect_uris\":[\"" + REDIRECT + "\"],"
                + "\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"client_credentials\"]}");
        ApiResponse defaults = selfRegister("{\"redirect_uris\":[\"" + REDIRECT + "\"]}");

        assertThat(confidential.status()).isEqualTo(400);
        assertThat(confidential.json().get("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(badRedirect.status()).isEqualTo(400);
        assertThat(badRedirect.json().get("error").asText()).isEqualTo("invalid_redirect_uri");
        assertThat(machine.status()).isEqualTo(400);
        assertThat(defaults.status()).as(defaults.body()).isEqualTo(201);
        assertThat(defaults.json().get("token_endpoint_auth_method").asText()).isEqualTo("none");
        assertThat(defaults.json().get("grant_types").toString()).contains("authorization_code");
    }

    private JsonNode auditEntries(Person owner, String action) {
        return auditEntries(owner, action, 1);
    }

    private JsonNode auditEntries(Person owner, String action, int expected) {
        return api.auditEntries(owner.key(), action, expected);
    }

    private static Map<String, String> query(String location) {
        Map<String, String> answer = new java.util.HashMap<>();
        URLUtils.parseParameters(URI.create(location).getRawQuery())
                .forEach((name, values) -> answer.put(name, values.get(0)));
        return answer;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
