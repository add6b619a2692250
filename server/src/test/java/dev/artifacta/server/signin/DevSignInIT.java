package dev.artifacta.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Browser;
import dev.artifacta.server.testing.Browser.Page;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The development sign-in as the README tells a new user to use it: open /auth/dev/login in a
 * browser, submit the form, land signed in with the new workspace's first key; or post JSON.
 */
@MicronautTest(transactional = false)
class DevSignInIT extends ApiTest {

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.auth.dev-sign-in", "true");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void givenTheForm_whenABrowserSubmitsIt_thenSignedInWithTheFirstKeyShownOnce() {
        Browser browser = new Browser(server.getURL().toString());
        String email = unique("dana");

        Page form = browser.get("/auth/dev/login");
        Page welcome = browser.postForm("/auth/dev/login", "email=" + email + "&name=Dana+Dev");

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<form");
        assertThat(welcome.status()).as(welcome.body()).isEqualTo(201);
        assertThat(welcome.body()).containsPattern("ak_live_[A-Za-z0-9]{32}");
        assertThat(browser.cookie("artifacta_session")).isPresent();
        Page session = browser.getJson("/auth/session");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().at("/user/email").asText(session.json().toString()))
                .contains(email);
    }

    @Test
    void givenJson_whenPosted_thenSignedIn_andABadEmailIsAClearProblem() {
        Browser browser = new Browser(server.getURL().toString());

        Page signedIn = browser.post("/auth/dev/login", "{\"email\":\"" + unique("json") + "\",\"name\":\"Jay\"}");
        Page bad = new Browser(server.getURL().toString()).post("/auth/dev/login", "{\"email\":\"not-an-email\"}");

        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(201);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("type").asText()).endsWith("/invalid-email");
    }
}
