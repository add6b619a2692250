package dev.artifacta.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Browser;
import dev.artifacta.server.testing.Chromium;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;

/**
 * The web console in a real browser (headless Chromium): sign in through the development sign-in,
 * see the first key once, create, rename and revoke keys, find them in the audit log. Every page
 * visited is checked with axe-core, and each test leaves a screenshot of its last page in {@code
 * target/console-screenshots/}.
 */
@MicronautTest(transactional = false)
class ConsoleIT extends ApiTest {

    private static final Pattern KEY = Pattern.compile("ak_live_[A-Za-z0-9]{32}");

    @Inject
    EmbeddedServer server;

    private Chromium browser;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.auth.dev-sign-in", "true");
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) {
        if (browser != null) {
            browser.screenshot(test.getTestMethod().orElseThrow().getName());
            browser.close();
            browser = null;
        }
    }

    /** Prints the slowest pages (time to first byte) and keeps them beside the screenshots. */
    @org.junit.jupiter.api.AfterAll
    void reportSlowestPages() throws java.io.IOException {
        var slowest = Chromium.SERVER_TIMES.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(5)
                .map(e -> String.format(java.util.Locale.ROOT, "%7.1f ms  %s", e.getValue(), e.getKey()))
                .toList();
        java.nio.file.Files.createDirectories(Chromium.SCREENSHOTS);
        java.nio.file.Files.write(Chromium.SCREENSHOTS.resolve("slowest-pages.txt"), slowest);
        System.out.println("Slowest console pages (request to first byte):\n" + String.join("\n", slowest));
    }

    private String base() {
        return server.getURL().toString();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Signs a new person in through the console's gate and the development sign-in; returns their first key. */
    private String signInAsNewOwner(String email) {
        browser = Chromium.start(base());
        browser.open("/");
        assertThat(browser.path()).isEqualTo("/console");
        browser.click(By.linkText("Development sign-in"));
        browser.type(By.id("email"), email).type(By.id("name"), "Dana Dev");
        browser.click(By.cssSelector("button[type=submit]"));
        Matcher key = KEY.matcher(browser.find(By.id("key")).getAttribute("value"));
        assertThat(key.matches()).isTrue();
        return key.group();
    }

    @Test
    void signedOut_theConsoleOffersSignIn_andTheFirstSignInShowsTheFirstKeyOnceWithACopyButton() {
        String firstKey = signInAsNewOwner(unique("owner"));

        assertThat(browser.text()).contains("you will not see it again");
        assertThat(browser.find(By.cssSelector("button[data-copy=key]")).isDisplayed())
                .as("the copy button, shown by the console's script")
                .isTrue();

        browser.click(By.linkText("Continue to the console"));
        assertThat(browser.text()).contains("Overview").contains("Dana Dev");
        browser.click(By.linkText("API keys"));
        assertThat(browser.source()).doesNotContain(firstKey);
        assertThat(browser.text())
                .contains(firstKey.substring(0, 12) + "…" + firstKey.substring(firstKey.length() - 4))
                .contains("1 of 10 active keys");
        browser.driver().navigate().refresh();
        assertThat(browser.source()).doesNotContain(firstKey);
    }

    @Test
    void createKey_showsItsSecretOnce_thenOnlyItsPrefixAndLastFour() {
        signInAsNewOwner(unique("creator"));
        browser.open("/console/keys");

        browser.type(By.id("key-name"), "CI Pipeline").type(By.id("key-description"), "pushes from CI");
        browser.find(By.id("scope-audit-read")).click();
        browser.click(By.cssSelector("form[action='/console/keys'] button[type=submit]"));

        String secret = browser.find(By.id("secret-value")).getAttribute("value");
        assertThat(secret).matches(KEY);
        assertThat(browser.text()).contains("you will not see this again").contains("audit:read");
        assertThat(browser.find(By.cssSelector("button[data-copy=secret-value]"))
                        .isDisplayed())
                .isTrue();

        browser.click(By.linkText("Back to the API keys"));
        assertThat(browser.source()).doesNotContain(secret);
        assertThat(browser.text())
                .contains("CI Pipeline")
                .contains(secret.substring(0, 12) + "…" + secret.substring(secret.length() - 4))
                .contains("2 of 10 active keys");
    }

    @Test
    void revokeKey_asksNamingTheKey_andTheRevokedFilterShowsIt() {
        signInAsNewOwner(unique("revoker"));
        browser.open("/console/keys");
        browser.type(By.id("key-name"), "Old laptop");
        browser.click(By.cssSelector("form[action='/console/keys'] button[type=submit]"));
        browser.click(By.linkText("Back to the API keys"));

        browser.click(By.xpath("//tr[@data-key-name='Old laptop']//a[starts-with(normalize-space(.), 'Revoke')]"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Revoke the key Old laptop?");
        browser.click(By.cssSelector("main form button[type=submit]"));

        assertThat(browser.text())
                .contains("The key is revoked")
                .contains("Old laptop")
                .contains("revoked");
        browser.open("/console/keys");
        assertThat(browser.findAll(By.xpath("//tr[@data-key-name='Old laptop']")))
                .isEmpty();
    }

    @Test
    void renameKey_changesItsName() {
        signInAsNewOwner(unique("renamer"));
        browser.open("/console/keys");
        browser.type(By.id("key-name"), "Build box");
        browser.click(By.cssSelector("form[action='/console/keys'] button[type=submit]"));
        browser.click(By.linkText("Back to the API keys"));

        browser.click(By.xpath("//tr[@data-key-name='Build box']//a[starts-with(normalize-space(.), 'Rename')]"));
        browser.type(By.id("key-name"), "Build server");
        browser.click(By.cssSelector("main form button[type=submit]"));

        assertThat(browser.text()).contains("The key is renamed").contains("Build server");
    }

    /** Creates a key through the console's form; returns its secret, as the page shows it once. */
    private String createKey(String name, String... extraScopes) {
        browser.open("/console/keys");
        browser.type(By.id("key-name"), name);
        for (String scope : extraScopes) {
            browser.find(By.id("scope-" + scope.replace(':', '-'))).click();
        }
        browser.click(By.cssSelector("form[action='/console/keys'] button[type=submit]"));
        return browser.find(By.id("secret-value")).getAttribute("value");
    }

    private String keyIdOf(String name) {
        browser.open("/console/keys?status=all");
        return browser.find(By.xpath("//tr[@data-key-name='" + name + "']"))
                .getAttribute("id")
                .substring("key-".length());
    }

    @Test
    void auditSearchByKeyName_showsWhatTheKeyDid_andAKeyLeadsToEverythingDoneWithAndToIt() throws Exception {
        signInAsNewOwner(unique("auditor"));
        // Managing another key takes the scope that manages identities.
        String ci = createKey("CI Pipeline", "agents:manage", "audit:read");
        createKey("Old laptop");
        String oldLaptop = keyIdOf("Old laptop");
        // CI revokes the old laptop's key through the API.
        var revoked = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/v1/api-keys/" + oldLaptop))
                                .DELETE()
                                .header("Authorization", "Bearer " + ci)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isLessThan(300);

        browser.open("/console");
        browser.click(By.linkText("Audit log"));
        browser.type(By.id("f-keyName"), "CI Pipeline");
        browser.click(By.cssSelector("form.search button[type=submit]"));
        var revocation = browser.find(By.xpath("//tr[@data-action='api_key.revoked']"));
        assertThat(revocation.getText()).contains("CI Pipeline");
        revocation.findElement(By.tagName("summary")).click();
        assertThat(revocation.getText())
                .contains("Request id")
                .contains("Client address")
                .contains("User agent");
        assertThat(browser.findAll(By.xpath("//tbody/tr[@data-action]")))
                .allSatisfy(row -> assertThat(row.getText()).contains("CI Pipeline"));
        assertThat(browser.text()).contains("7 days");
        assertThat(browser.find(By.linkText("CSV")).getAttribute("href"))
                .contains("/v1/audit-events/export?format=csv");
        assertThat(browser.find(By.id("activity-keys")).getText())
                .as("the activity per key counts what CI did")
                .contains("CI Pipeline");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(browser.find(By.xpath("//tr[@data-day='" + today + "']/td[2]"))
                        .getAttribute("textContent"))
                .isNotEqualTo("0");
        assertThat(browser.find(By.id("chain-status")).getText())
                .contains("Verified")
                .contains("Chain verified up to entry")
                .contains("No checkpoint signed yet");
        var export = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(base() + "/v1/audit-events/export?format=jsonl"))
                                .header("Authorization", "Bearer " + ci)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        browser.driver().navigate().refresh();
        assertThat(browser.find(By.id("chain-status")).getText())
                .contains("Verified")
                .containsPattern("Checkpoint 1 signed at \\S+ over the chain up to entry \\d+");
        browser.screenshot("audit-activity-and-chain");

        browser.open("/console/keys?status=revoked");
        browser.click(By.xpath("//tr[@data-key-name='Old laptop']//a[starts-with(normalize-space(.), 'Activity')]"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Audit log");
        assertThat(browser.text()).contains("Key Old laptop").contains("Done to this key");
        assertThat(browser.findAll(By.xpath("//table[caption='Done to this key']//tr[@data-action]")))
                .extracting(row -> row.getAttribute("data-action"))
                .containsExactly("api_key.revoked", "api_key.created");
    }

    private java.net.http.HttpResponse<String> api(String method, String path, String key, String json)
            throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Pushes an artifact with two Markdown versions through the API; returns its id. */
    private String pushReleaseNotes(String key) throws Exception {
        var created = api(
                "POST",
                "/v1/artifacts",
                key,
                "{\"title\":\"Release notes\",\"contentType\":\"text/markdown\",\"fileName\":\"notes.md\","
                        + "\"content\":\"# Release notes\\n\\n- first <script>alert(1)</script>\\n\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(created.body())
                .get("id")
                .asText();
        var appended = api(
                "POST",
                "/v1/artifacts/" + id + "/versions",
                key,
                "{\"contentType\":\"text/markdown\",\"fileName\":\"notes.md\","
                        + "\"content\":\"# Release notes\\n\\n- first\\n- fixed the login page\\n\"}");
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(201);
        return id;
    }

    @Test
    void artifactPage_previewsMarkdownSafely_diffsTwoVersions_andRestoresOne() throws Exception {
        signInAsNewOwner(unique("writer"));
        String key = createKey("Writer");
        pushReleaseNotes(key);

        browser.open("/console");
        browser.click(By.linkText("Artifacts"));
        browser.click(By.linkText("Release notes"));
        assertThat(browser.find(By.cssSelector(".markdown h1")).getText()).isEqualTo("Release notes");
        assertThat(browser.text()).contains("fixed the login page");
        browser.click(By.xpath("//li[@data-version='1']//a[starts-with(normalize-space(.), 'View')]"));
        assertThat(browser.find(By.cssSelector(".markdown")).getText()).contains("<script>alert(1)</script>");
        assertThat(browser.findAll(By.cssSelector(".markdown script"))).isEmpty();

        browser.click(By.cssSelector("form.inline-form button[type=submit]"));
        assertThat(browser.find(By.tagName("h2")).getText()).isEqualTo("Version 1 to version 2");
        assertThat(browser.findAll(By.cssSelector(".diff-added")))
                .extracting(org.openqa.selenium.WebElement::getText)
                .anySatisfy(line -> assertThat(line).contains("+- fixed the login page"));
        assertThat(browser.findAll(By.cssSelector(".diff-removed")))
                .extracting(org.openqa.selenium.WebElement::getText)
                .anySatisfy(line -> assertThat(line).contains("<script>alert(1)</script>"));
        browser.screenshot("diff-view");

        browser.click(By.linkText("Back to the artifact"));
        browser.click(By.xpath("//button[normalize-space(.)='Restore version 1']"));
        assertThat(browser.find(By.xpath("//li[@data-version='3']")).getText())
                .contains("(head)")
                .contains("restored from version 1");

        browser.type(By.id("comment-body"), "Ship it?");
        browser.click(By.xpath("//button[normalize-space(.)='Post comment']"));
        var comment = browser.find(By.xpath("//ol[@class='comments']/li[1]"));
        assertThat(comment.getText()).contains("Dana Dev").contains("Ship it?");
        browser.type(By.cssSelector("ol.comments > li > form input[name=body]"), "Yes <b>now</b>");
        browser.click(By.xpath("//ol[@class='comments']/li[1]//button[normalize-space(.)='Reply']"));
        assertThat(browser.find(By.cssSelector("ol.replies")).getText()).contains("Yes <b>now</b>");

        // The author edits and deletes their comment, as PATCH and DELETE on the API allow.
        browser.click(By.xpath("//ol[@class='comments']/li[1]//summary[starts-with(normalize-space(.), 'Edit')]"));
        browser.type(By.cssSelector("ol.comments > li details input[name=body]"), "Ship it today?");
        browser.click(By.xpath("//ol[@class='comments']/li[1]//button[normalize-space(.)='Save']"));
        assertThat(browser.find(By.xpath("//ol[@class='comments']/li[1]/p[@class='comment-body']"))
                        .getText())
                .isEqualTo("Ship it today?");
        browser.click(
                By.xpath("//ol[@class='comments']/li[1]/form//button[starts-with(normalize-space(.), 'Delete')]"));
        assertThat(browser.find(By.xpath("//ol[@class='comments']/li[1]/p[@class='comment-body']"))
                        .getText())
                .as("a deleted comment with replies stays, without its text")
                .isEqualTo("(deleted)");
    }

    @Test
    void aViewer_seesTheArtifact_butNoEditControls() throws Exception {
        signInAsNewOwner(unique("lead"));
        String key = createKey("Lead", "members:manage");
        pushReleaseNotes(key);
        String viewer = unique("viewer");
        var invited = api("POST", "/v1/invitations", key, "{\"email\":\"" + viewer + "\",\"role\":\"viewer\"}");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        browser.open("/console");
        browser.click(By.linkText("Members"));
        assertThat(browser.find(By.xpath("//tr[@data-invitation='" + viewer + "']"))
                        .getText())
                .contains("viewer")
                .contains("pending");
        browser.click(By.linkText("Agents"));
        assertThat(browser.text()).contains("No agents yet");
        browser.close();

        browser = Chromium.start(base());
        browser.open("/auth/dev/login");
        browser.type(By.id("email"), viewer).type(By.id("name"), "Val Viewer");
        browser.click(By.cssSelector("button[type=submit]"));
        assertThat(browser.path()).isEqualTo("/console");
        assertThat(browser.text()).contains("Val Viewer, viewer");
        browser.click(By.linkText("Artifacts"));
        browser.click(By.linkText("Release notes"));

        assertThat(browser.findAll(By.cssSelector("li[data-version]"))).hasSize(2);
        assertThat(browser.findAll(By.xpath("//button[starts-with(normalize-space(.), 'Restore')]")))
                .as("the policy lets a viewer restore nothing, so no restore control is shown")
                .isEmpty();
        assertThat(browser.findAll(By.linkText("Audit log")))
                .as("a viewer cannot read the audit log")
                .isEmpty();
        browser.click(By.linkText("Overview"));
        assertThat(browser.find(By.id("usage-requests")).getAttribute("max")).isEqualTo("10000");
        browser.click(By.linkText("Members"));
        assertThat(browser.find(By.xpath("//tr[@data-member='" + viewer + "']")).getText())
                .contains("viewer");
        assertThat(browser.findAll(By.id("invite-email")))
                .as("a viewer invites nobody")
                .isEmpty();
    }

    private void upgradeToPro(String key) throws Exception {
        var whoami = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/v1/whoami"))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        String tenantId = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(whoami.body())
                .at("/tenant/id")
                .asText();
        var changed = api("PUT", "/admin/v1/tenants/" + tenantId + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    @Test
    void shareLink_isShownOnce_andOpensTheArtifactReadOnlyInASignedOutWindow() throws Exception {
        signInAsNewOwner(unique("sharer"));
        String key = createKey("Sharer");
        String id = pushReleaseNotes(key);
        browser.open("/console/artifacts/" + id);
        assertThat(browser.text()).contains("Share links need the pro plan");
        upgradeToPro(key);

        browser.open("/console/artifacts/" + id);
        browser.click(By.cssSelector("form[action$='/share-links'] button[type=submit]"));
        String url = browser.find(By.id("secret-value")).getAttribute("value");
        assertThat(url).startsWith(base() + "/console/shared/sl_live_");
        assertThat(browser.text()).contains("you will not see this again");
        String token = url.substring(url.lastIndexOf('/') + 1);
        browser.click(By.linkText("Back to the artifact"));
        assertThat(browser.source()).doesNotContain(token);
        assertThat(browser.find(By.xpath("//section[@aria-labelledby='sharing-heading']//tbody"))
                        .getText())
                .contains("viewer")
                .contains("active");

        try (Chromium stranger = Chromium.start(base())) {
            stranger.open(url);
            assertThat(stranger.find(By.tagName("h1")).getText()).isEqualTo("Release notes");
            assertThat(stranger.text()).contains("fixed the login page").contains("read-only");
            assertThat(stranger.findAll(By.tagName("form")))
                    .as("no edit controls")
                    .isEmpty();
            stranger.screenshot("shareLink_openedSignedOut");
            stranger.open("/console/shared/sl_live_" + "x".repeat(32));
            assertThat(stranger.text()).contains("This link opens nothing");

            browser.click(By.xpath("//button[starts-with(normalize-space(.), 'Revoke link')]"));
            assertThat(browser.find(By.xpath("//section[@aria-labelledby='sharing-heading']//tbody"))
                            .getText())
                    .contains("revoked");
            stranger.open(url);
            assertThat(stranger.text()).as("a revoked link opens nothing").contains("This link opens nothing");
        }
    }

    @Test
    void anAllowlistedPerson_seesAPrivateArtifact_readOnly() throws Exception {
        signInAsNewOwner(unique("keeper"));
        String key = createKey("Keeper");
        String id = pushReleaseNotes(key);
        browser.open("/console/artifacts/" + id);
        assertThat(browser.text()).contains("Email allowlists need the pro plan");
        upgradeToPro(key);
        String friend = unique("friend");

        browser.open("/console/artifacts/" + id);
        browser.find(By.id("access-public-view")).click();
        browser.type(By.id("access-viewers"), friend);
        browser.click(By.cssSelector("form[action$='/access'] button[type=submit]"));
        assertThat(browser.text()).contains("private");
        assertThat(browser.find(By.id("access-viewers")).getAttribute("value")).isEqualTo(friend);
        browser.close();

        // The friend signs in (a workspace of their own) and opens the link they were sent.
        browser = Chromium.start(base());
        browser.open("/auth/dev/login");
        browser.type(By.id("email"), friend).type(By.id("name"), "Fran Friend");
        browser.click(By.cssSelector("button[type=submit]"));
        browser.open("/console/artifacts/" + id);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Release notes");
        assertThat(browser.text()).contains("fixed the login page");
        assertThat(browser.findAll(By.cssSelector("main form[method=post]:not([action$='/comments'])")))
                .as("a viewer through the allowlist gets no restore, access or share form")
                .isEmpty();
    }

    @Test
    void consolePages_sendAStrictContentSecurityPolicy_andFormsWithoutTheCsrfTokenAreRefused() {
        Browser http = new Browser(base());
        http.postForm("/auth/dev/login", "email=" + unique("csp") + "&name=Csp");

        Browser.Page page = http.get("/console/keys");
        Browser.Page forged = http.postForm("/console/keys", "name=Forged");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.body()).doesNotContain("style=").doesNotContainPattern("<script>[^<]");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("csrf-token-required");
        assertThat(http.get("/console/assets/console.js").status()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        Browser.Page created = http.postForm(
                "/console/keys",
                "_csrf=" + csrf.group(1) + "&name=With+token&description=&identity=user"
                        + "&scopes=artifacts%3Aread&scopes=comments%3Awrite&expires=");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains("you will not see this again");
        Browser.Page renamed = http.get("/console/keys?done=renamed");
        assertThat(renamed.body()).as(renamed.body()).contains("The key is renamed");
    }

    @Test
    void agents_areCreatedDisabledAndEnabledFromTheConsole() {
        signInAsNewOwner(unique("robots"));
        browser.open("/console/agents");
        browser.type(By.id("agent-name"), "deploy-bot").type(By.id("agent-description"), "ships releases");
        browser.click(By.xpath("//button[normalize-space(.)='Create agent']"));

        assertThat(browser.text()).contains("The agent is created");
        assertThat(browser.find(By.xpath("//tr[@data-agent='deploy-bot']")).getText())
                .contains("editor")
                .contains("active")
                .contains("Dana Dev");
        browser.click(By.xpath("//tr[@data-agent='deploy-bot']//button[starts-with(normalize-space(.), 'Disable')]"));
        assertThat(browser.text()).contains("The agent is disabled");
        assertThat(browser.find(By.xpath("//tr[@data-agent='deploy-bot']")).getText())
                .contains("disabled");
        browser.click(By.xpath("//tr[@data-agent='deploy-bot']//button[starts-with(normalize-space(.), 'Enable')]"));
        assertThat(browser.find(By.xpath("//tr[@data-agent='deploy-bot']")).getText())
                .contains("active");
        browser.screenshot("agents-page");

        browser.type(By.id("agent-name"), "deploy-bot");
        browser.click(By.xpath("//button[normalize-space(.)='Create agent']"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Agent not created");
        assertThat(browser.find(By.cssSelector("[role=alert]")).getText()).isNotBlank();
    }

    @Test
    void members_haveTheirRoleChangedAndAreRemoved_andInvitationsRevoked_asTheApiAllows() throws Exception {
        signInAsNewOwner(unique("boss"));
        String memberEmail = unique("member");
        String pendingEmail = unique("pending");
        browser.open("/console/members");
        browser.type(By.id("invite-email"), memberEmail);
        browser.click(By.xpath("//button[normalize-space(.)='Invite']"));
        browser.type(By.id("invite-email"), pendingEmail);
        browser.click(By.xpath("//button[normalize-space(.)='Invite']"));
        // The first one joins by signing in with the invited email.
        try (Chromium member = Chromium.start(base())) {
            member.open("/auth/dev/login");
            member.type(By.id("email"), memberEmail).type(By.id("name"), "Mo Member");
            member.click(By.cssSelector("button[type=submit]"));
            assertThat(member.text()).contains("Mo Member, viewer");
            member.open("/console/members");
            assertThat(member.findAll(By.xpath("//button[starts-with(normalize-space(.), 'Change role')]")))
                    .as("a viewer manages nobody")
                    .isEmpty();
        }

        browser.open("/console/members");
        String row = "//tr[@data-member='" + memberEmail + "']";
        new org.openqa.selenium.support.ui.Select(browser.find(By.xpath(row + "//select"))).selectByValue("editor");
        browser.click(By.xpath(row + "//button[starts-with(normalize-space(.), 'Change role')]"));
        assertThat(browser.text()).contains("The role is changed");
        assertThat(browser.find(By.xpath(row)).getText()).contains("editor");

        browser.click(By.xpath("//tr[@data-invitation='" + pendingEmail + "']//button"));
        assertThat(browser.text()).contains("The invitation is revoked");
        assertThat(browser.findAll(By.xpath("//tr[@data-invitation='" + pendingEmail + "']")))
                .isEmpty();

        browser.screenshot("members-page");
        browser.click(By.xpath(row + "//button[normalize-space(.)='Remove']"));
        assertThat(browser.text()).contains("The member is removed");
        assertThat(browser.findAll(By.xpath(row))).isEmpty();

        // The last owner stays: the same rule as the API, shown as the console's error page.
        browser.click(By.xpath("//button[normalize-space(.)='Leave the workspace']"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not removed");
        assertThat(browser.find(By.linkText("Back")).getAttribute("href")).endsWith("/console/members");
    }

    @Test
    void anUnknownConsolePage_andARefusedOne_areHtmlPagesWithAWayBack() {
        signInAsNewOwner(unique("lost"));
        browser.open("/console/no-such-page");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.find(By.linkText("Back to the console")).isDisplayed())
                .isTrue();
        browser.screenshot("not-found");

        browser.open("/console/artifacts/" + UUID.randomUUID());
        assertThat(browser.find(By.tagName("h1")).getText()).isNotBlank();
        assertThat(browser.source()).doesNotContain("\"status\":");
        assertThat(browser.find(By.linkText("Back to the console")).isDisplayed())
                .isTrue();

        Browser http = new Browser(base());
        Browser.Page signedOut = http.get("/console/no-such-page");
        assertThat(signedOut.status()).isEqualTo(404);
        assertThat(signedOut.header("Content-Type").orElseThrow()).startsWith("text/html");
    }
}
