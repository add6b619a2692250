package dev.artifacta.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every creation that answers 201 names the new resource in {@code Location}, and that URL is one
 * the same caller can read: a GET with the same credentials answers 200 (issue #16: the project's
 * Location answered 404, the share link's 405).
 */
@MicronautTest(transactional = false)
class CreatedLocationsIT extends ApiTest {

    /** What a creation answered, where it was sent, and the credentials to read its Location with (null: none). */
    private record Created(ApiResponse response, String path, String key) {}

    private Created post(String path, String key, String json) {
        return new Created(api.post(path, key, json), path, key);
    }

    @Test
    void givenEveryCreationThatAnswers201_whenItsLocationIsRead_withTheSameCredentials_thenOk() {
        Tenant tenant = api.signUp("locations");
        ApiResponse upgrade = api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        assertThat(upgrade.status()).isEqualTo(200);
        String key = tenant.key();
        Map<String, Created> created = new LinkedHashMap<>();

        created.put("api key", post("/v1/api-keys", key, "{\"name\":\"located\"}"));
        created.put("agent", post("/v1/agents", key, "{\"name\":\"located-bot\"}"));
        created.put(
                "invitation",
                post("/v1/invitations", key, "{\"email\":\"guest@locations.example\",\"role\":\"viewer\"}"));
        created.put("project", post("/v1/projects", key, "{\"slug\":\"located\",\"name\":\"Located\"}"));
        ApiResponse artifact = api.post(
                "/v1/artifacts",
                key,
                "{\"project\":\"located\",\"title\":\"Plan\",\"content\":\"v1\",\"private\":true}");
        created.put("artifact", new Created(artifact, "/v1/artifacts", key));
        String artifactId = artifact.json().get("id").asText();
        String artifactPath = "/v1/artifacts/" + artifactId;
        created.put("version", post(artifactPath + "/versions", key, "{\"content\":\"v2\"}"));
        created.put("restore", post(artifactPath + "/restore", key, "{\"version\":1}"));
        ApiResponse link = api.post(artifactPath + "/share-links", key, "{\"role\":\"editor\"}");
        created.put("share link", new Created(link, artifactPath + "/share-links", key));
        String token = link.json().get("token").asText();
        created.put(
                "version through an editor link",
                post("/v1/shared/" + token + "/versions", null, "{\"content\":\"by a guest\"}"));
        ApiResponse comment = api.post(artifactPath + "/comments", key, "{\"body\":\"Looks good.\"}");
        created.put("comment", new Created(comment, artifactPath + "/comments", key));
        created.put(
                "reply",
                post(
                        artifactPath + "/comments/" + comment.json().get("id").asText() + "/replies",
                        key,
                        "{\"body\":\"Thanks.\"}"));
        ApiResponse publicArtifact = api.post("/v1/artifacts", key, "{\"title\":\"Open\",\"content\":\"v1\"}");
        String publicPath = "/v1/artifacts/" + publicArtifact.json().get("id").asText();
        assertThat(api.put(publicPath + "/access", key, "{\"publicView\":true,\"publicEdit\":true,\"viewerEmails\":[]}")
                        .status())
                .isEqualTo(200);
        created.put(
                "version by an anonymous public editor",
                post(publicPath + "/versions", null, "{\"content\":\"v2 by anyone\"}"));

        assertThat(created.get("version through an editor link").response().header("Location"))
                .as("the token is not echoed")
                .isEqualTo("content?version=4");
        created.forEach((what, creation) -> {
            ApiResponse response = creation.response();
            assertThat(response.status()).as(what + ": " + response).isEqualTo(201);
            String location = response.header("Location");
            assertThat(location).as(what + " names its Location").isNotBlank();
            // A relative reference is resolved against the request's URL (RFC 9110, 10.2.2).
            String target = URI.create(creation.path()).resolve(location).toString();

            ApiResponse read = api.get(target, creation.key());

            assertThat(read.status())
                    .as(what + ": GET " + target + " answered " + read)
                    .isEqualTo(200);
        });
    }

    @Test
    void givenACreatedProjectAndShareLink_whenTheirLocationsAreRead_thenTheyShowWhatWasCreated() {
        Tenant tenant = api.signUp("located-reads");
        api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        ApiResponse project = api.post("/v1/projects", tenant.key(), "{\"slug\":\"reports\",\"name\":\"Reports\"}");
        String artifact = api.post("/v1/artifacts", tenant.key(), "{\"title\":\"Q3\",\"content\":\"v1\"}")
                .json()
                .get("id")
                .asText();
        ApiResponse link =
                api.post("/v1/artifacts/" + artifact + "/share-links", tenant.key(), "{\"role\":\"viewer\"}");

        JsonNode readProject = api.get(project.header("Location"), tenant.key()).json();
        JsonNode readLink = api.get(link.header("Location"), tenant.key()).json();

        assertThat(readProject.get("id").asText())
                .isEqualTo(project.json().get("id").asText());
        assertThat(readProject.get("slug").asText()).isEqualTo("reports");
        assertThat(readProject.get("name").asText()).isEqualTo("Reports");
        assertThat(readLink.get("id").asText()).isEqualTo(link.json().get("id").asText());
        assertThat(readLink.get("artifactId").asText()).isEqualTo(artifact);
        assertThat(readLink.get("role").asText()).isEqualTo("viewer");
        assertThat(readLink.get("status").asText()).isEqualTo("active");
        assertThat(readLink.has("token"))
                .as("the token is shown once, at creation")
                .isFalse();
    }
}
