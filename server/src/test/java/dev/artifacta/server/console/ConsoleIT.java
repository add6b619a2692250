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
        String ci = createKey("CI Pipeline", "agents:manage");
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

        browser.open("/console/keys?status=revoked");
        browser.click(By.xpath("//tr[@data-key-name='Old laptop']//a[starts-with(normalize-space(.), 'Activity')]"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Audit log");
        assertThat(browser.text()).contains("Key Old laptop").contains("Done to this key");
        assertThat(browser.findAll(By.xpath("//table[caption='Done to this key']//tr[@data-action]")))
                .extracting(row -> row.getAttribute("data-action"))
                .containsExactly("api_key.revoked", "api_key.created");
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
}
