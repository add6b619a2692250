package dev.artifacta.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Browser.Page;

/** People signing in through the in-process identity provider, each in a browser of their own. */
public final class People {

    private final IdentityProvider provider;
    private final String base;

    public People(IdentityProvider provider, String base) {
        this.provider = provider;
        this.base = base;
    }

    /** A signed-in person: their browser, and the first key when sign-in made them a workspace. */
    public record Person(Browser browser, String email, Page landing) {

        public String csrf() {
            return browser.getJson("/auth/session").json().get("csrfToken").asText();
        }

        public String workspaceId() {
            return browser.getJson("/auth/session").json().at("/workspace/id").asText();
        }

        public String role() {
            return browser.getJson("/auth/session").json().get("role").asText();
        }

        /** The first API key shown on the welcome page, when there was one. */
        public String firstKey() {
            return landing.body().replaceAll("(?s).*(ak_live_[A-Za-z0-9]{32}).*", "$1");
        }

        public Page get(String path) {
            return browser.getJson(path);
        }

        /** A change, with the session's CSRF token. */
        public Page send(String method, String path, String json) {
            return browser.send(method, path, json, "X-CSRF-Token", csrf());
        }
    }

    public Person signIn(String email, String name) {
        return signIn(email, name, true, null);
    }

    /** Goes through /auth/login, the provider and the callback; the provider vouches for the email as told. */
    public Person signIn(String email, String name, boolean verified, String workspace) {
        Browser browser = new Browser(base);
        provider.nextSignIn("sub-" + email, email, verified, name);
        Page login = browser.get("/auth/login" + (workspace == null ? "" : "?workspace=" + workspace));
        assertThat(login.status()).as(login.body()).isEqualTo(302);
        Page authorize = browser.get(login.location().orElseThrow());
        assertThat(authorize.status()).as(authorize.body()).isEqualTo(302);
        Page landing = browser.get(authorize.location().orElseThrow());
        return new Person(browser, email, landing);
    }
}
