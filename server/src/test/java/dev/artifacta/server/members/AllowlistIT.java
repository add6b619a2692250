package dev.artifacta.server.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.IdentityProvider;
import dev.artifacta.server.testing.People;
import dev.artifacta.server.testing.People.Person;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Email allowlists grant view access to signed-in people of any workspace whose verified email is on
 * the list, while the owning tenant's plan includes allowlists: the matrix of plan × match (exact,
 * other case, look-alike, absent) × how the person came (session, or a key acting as them).
 */
@MicronautTest(transactional = false)
class AllowlistIT extends ApiTest {

    private IdentityProvider provider;

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        provider = new IdentityProvider();
        return provider.properties();
    }

    @AfterAll
    void stopProvider() {
        provider.close();
    }

    private People people() {
        return new People(provider, server.getURL().toString());
    }

    private record Listed(Tenant owner, String artifactId, String email) {}

    /** A Pro tenant's private artifact that lists one email as a viewer. */
    private Listed privateArtifactListing(String email) {
        Tenant owner = api.signUp("allow");
        assertThat(api.put("/admin/v1/tenants/" + owner.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        ApiResponse created = api.post(
                "/v1/artifacts", owner.key(), "{\"title\":\"Design\",\"content\":\"secret plan\",\"private\":true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        ApiResponse access = api.put(
                "/v1/artifacts/" + id + "/access",
                owner.key(),
                "{\"publicView\":false,\"publicEdit\":false,\"viewerEmails\":[\"" + email + "\"]}");
        assertThat(access.status()).as(access.body()).isEqualTo(200);
        return new Listed(owner, id, email);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void givenAListedVerifiedEmail_whenThatPersonSignsIn_thenTheyMayViewButNotEdit() {
        String email = unique("reviewer");
        Listed listed = privateArtifactListing(email);

        Person reviewer = people().signIn(email, "Rae Reviewer");

        assertThat(reviewer.workspaceId()).isNotEqualTo(listed.owner().id());
        assertThat(reviewer.get("/v1/artifacts/" + listed.artifactId()).status())
                .isEqualTo(200);
        assertThat(reviewer.get("/v1/artifacts/" + listed.artifactId() + "/content")
                        .body())
                .isEqualTo("secret plan");
        var edit =
                reviewer.send("POST", "/v1/artifacts/" + listed.artifactId() + "/versions", "{\"content\":\"mine\"}");
        assertThat(edit.status()).isEqualTo(403);
        assertThat(reviewer.get("/v1/artifacts/" + listed.artifactId() + "/access")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void givenTheProviderGivesTheEmailInAnotherCase_whenSignedIn_thenItStillMatches() {
        String email = unique("casey");
        Listed listed = privateArtifactListing(email);

        Person casey = people().signIn(email.toUpperCase(), "Casey");

        assertThat(casey.get("/v1/artifacts/" + listed.artifactId()).status()).isEqualTo(200);
    }

    @Test
    void givenALookAlikeOrAnotherEmail_whenSignedIn_thenTheArtifactStaysHidden() {
        String email = "anna-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Listed listed = privateArtifactListing(email);
        // Cyrillic 'а' (U+0430) in place of the Latin 'a': looks the same, is another address.
        String lookAlike = "\u0430" + email.substring(1);

        Person impostor = people().signIn(lookAlike, "Impostor");
        Person stranger = people().signIn(unique("stranger"), "Stranger");

        assertThat(impostor.get("/v1/artifacts/" + listed.artifactId()).status())
                .isEqualTo(404);
        assertThat(stranger.get("/v1/artifacts/" + listed.artifactId()).status())
                .isEqualTo(404);
    }

    @Test
    void givenAKeyActingAsTheListedPerson_whenItReadsTheArtifact_thenHidden_becauseOnlyAVerifiedSignInCounts() {
        String email = unique("keyed");
        Listed listed = privateArtifactListing(email);
        Person keyed = people().signIn(email, "Keyed");

        assertThat(api.get("/v1/artifacts/" + listed.artifactId(), keyed.firstKey())
                        .status())
                .isEqualTo(404);
        assertThat(keyed.get("/v1/artifacts/" + listed.artifactId()).status()).isEqualTo(200);
    }

    @Test
    void givenADowngradeToFree_whenTheListedPersonReads_thenTheGrantStops_butTheListIsKept_andComesBack() {
        String email = unique("downgraded");
        Listed listed = privateArtifactListing(email);
        Person reviewer = people().signIn(email, "Dee");
        assertThat(reviewer.get("/v1/artifacts/" + listed.artifactId()).status())
                .isEqualTo(200);

        assertThat(api.put("/admin/v1/tenants/" + listed.owner().id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"free\"}")
                        .status())
                .isEqualTo(200);

        assertThat(reviewer.get("/v1/artifacts/" + listed.artifactId()).status())
                .isEqualTo(404);
        assertThat(api.get(
                                "/v1/artifacts/" + listed.artifactId() + "/access",
                                listed.owner().key())
                        .json()
                        .get("viewerEmails"))
                .extracting(e -> e.asText())
                .containsExactly(email);

        api.put("/admin/v1/tenants/" + listed.owner().id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        assertThat(reviewer.get("/v1/artifacts/" + listed.artifactId()).status())
                .isEqualTo(200);
    }
}
