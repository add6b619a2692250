package dev.artifacta.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.IdentityProvider;
import dev.artifacta.server.testing.People;
import dev.artifacta.server.testing.People.Person;
import dev.artifacta.server.testing.Tables;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** With new workspaces closed (ARTIFACTA_SIGNUP_ENABLED=false), a first sign-in joins, never creates. */
@MicronautTest(transactional = false)
class ClosedSignupSignInIT extends ApiTest {

    private IdentityProvider provider;

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> extraProperties() {
        provider = new IdentityProvider();
        var properties = new HashMap<>(provider.properties());
        properties.put("artifacta.signup.enabled", "false");
        return properties;
    }

    @AfterAll
    void stopProvider() {
        provider.close();
    }

    @Test
    void givenSignupClosed_whenAStrangerSignsInForTheFirstTime_thenRefused_andNoWorkspaceIsMade() {
        long tenantsBefore = count("tenant_registry");

        Person stranger = new People(provider, server.getURL().toString()).signIn("stranger@example.com", "Stranger");

        assertThat(stranger.landing().status()).as(stranger.landing().body()).isEqualTo(403);
        assertThat(stranger.landing().json().get("type").asText()).endsWith("/sign-in-not-a-member");
        assertThat(stranger.browser().cookie("artifacta_session")).isEmpty();
        assertThat(count("tenant_registry")).isEqualTo(tenantsBefore);
        assertThat(api.get("/metrics", null).body())
                .as("the refusal is counted like every other failed sign-in")
                .containsPattern("artifacta_auth_sign_in_failures_total\\{[^}]*reason=\"not-a-member\"[^}]*} 1\\.0");
    }

    private long count(String table) {
        return ((Number) new Tables(dataSource)
                        .rows("SELECT COUNT(*) AS n FROM " + table)
                        .getFirst()
                        .get("n"))
                .longValue();
    }
}
