package dev.artifacta.server.projects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ProjectsIT extends ApiTest {

    @Test
    void givenNewTenant_whenProjectsAreListed_thenOnlyDefaultExists() {
        Tenant tenant = api.signUp("projects");

        ApiResponse list = api.get("/v1/projects", tenant.key());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.contentType()).startsWith("application/json");
        JsonNode items = list.json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("slug").asText()).isEqualTo("default");
        assertThat(items.get(0).get("id").asText()).isNotBlank();
        assertThat(items.get(0).get("name").asText()).isNotBlank();
        assertThat(items.get(0).get("createdAt").isNull()).isFalse();
    }

    @Test
    void givenOwnerKey_whenProjectIsCreated_thenCreatedWithLocationAndListed() {
        Tenant tenant = api.signUp("newproject");

        ApiResponse created =
                api.post("/v1/projects", tenant.key(), "{\"slug\":\"release-notes\",\"name\":\"Release notes\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode project = created.json();
        assertThat(created.header("Location"))
                .isEqualTo("/v1/projects/" + project.get("id").asText());
        assertThat(project.get("slug").asText()).isEqualTo("release-notes");
        assertThat(project.get("name").asText()).isEqualTo("Release notes");
        assertThat(project.get("id").asText()).isNotBlank();
        assertThat(slugs(api.get("/v1/projects", tenant.key()))).containsExactlyInAnyOrder("default", "release-notes");
        JsonNode audit = api.get("/v1/audit-events?action=project.created", tenant.key())
                .json()
                .get("items");
        assertThat(StreamSupport.stream(audit.spliterator(), false)
                        .map(e -> e.at("/resource/id").asText())
                        .toList())
                .contains(project.get("id").asText());
    }

    @Test
    void givenAProject_whenReadById_thenItIsShownAsListed() {
        Tenant tenant = api.signUp("readproject");
        String id = api.post("/v1/projects", tenant.key(), "{\"slug\":\"handbook\",\"name\":\"Handbook\"}")
                .json()
                .get("id")
                .asText();
        String reader = api.createKey(tenant.key(), "{\"name\":\"reader\",\"scopes\":[\"artifacts:read\"]}")
                .get("key")
                .asText();
        JsonNode listed = StreamSupport.stream(
                        api.get("/v1/projects", tenant.key())
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .filter(item -> item.get("id").asText().equals(id))
                .findFirst()
                .orElseThrow();

        for (String key : List.of(tenant.key(), reader)) {
            ApiResponse read = api.get("/v1/projects/" + id, key);

            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.contentType()).startsWith("application/json");
            assertThat(read.json()).isEqualTo(listed);
        }
    }

    @Test
    void givenAnotherTenantsOrAnUnknownProjectId_whenRead_thenTheSameNotFound() {
        Tenant owner = api.signUp("projectowner");
        Tenant stranger = api.signUp("projectstranger");
        String id = api.post("/v1/projects", owner.key(), "{\"slug\":\"secret\",\"name\":\"Secret\"}")
                .json()
                .get("id")
                .asText();

        for (String path : List.of(
                "/v1/projects/" + id,
                "/v1/projects/00000000-0000-0000-0000-000000000000",
                "/v1/projects/not-a-uuid",
                "/v1/projects/secret")) {
            ApiResponse read = api.get(path, stranger.key());
            assertThat(read.status()).as(path).isEqualTo(404);
            assertThat(read.contentType()).as(path).startsWith("application/problem+json");
            assertThat(read.json().get("type").asText()).as(path).endsWith("/project-not-found");
        }
        assertThat(api.get("/v1/projects/" + id, null).status()).isEqualTo(401);
    }

    @Test
    void givenKeyWithoutArtifactsRead_whenItReadsAProject_thenForbidden_asWhenItLists() {
        Tenant tenant = api.signUp("noreadone");
        String id =
                api.get("/v1/projects", tenant.key()).json().at("/items/0/id").asText();
        String auditor = api.createKey(tenant.key(), "{\"name\":\"auditor\",\"scopes\":[\"audit:read\"]}")
                .get("key")
                .asText();

        ApiResponse refused = api.get("/v1/projects/" + id, auditor);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("requiredScope").asText()).isEqualTo("artifacts:read");
    }

    @Test
    void givenProjectSlug_whenItIsTakenAgain_thenConflict_andOnlyOneProjectExists() {
        Tenant tenant = api.signUp("dupslug");
        assertThat(api.post("/v1/projects", tenant.key(), "{\"slug\":\"docs\",\"name\":\"Docs\"}")
                        .status())
                .isEqualTo(201);

        for (String slug : List.of("docs", "default")) {
            ApiResponse again =
                    api.post("/v1/projects", tenant.key(), "{\"slug\":\"" + slug + "\",\"name\":\"Another\"}");

            assertThat(again.status()).as(slug).isEqualTo(409);
            assertThat(again.contentType()).as(slug).startsWith("application/problem+json");
            assertThat(again.json().get("type").asText()).as(slug).endsWith("/project-slug-taken");
            assertThat(again.json().get("detail").asText()).as(slug).contains(slug);
        }
        assertThat(slugs(api.get("/v1/projects", tenant.key()))).containsExactlyInAnyOrder("default", "docs");
    }

    @Test
    void givenTwoTenants_whenBothUseTheSameSlug_thenBothAreCreated() {
        Tenant first = api.signUp("slugs-a");
        Tenant second = api.signUp("slugs-b");

        assertThat(api.post("/v1/projects", first.key(), "{\"slug\":\"shared\",\"name\":\"A\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/v1/projects", second.key(), "{\"slug\":\"shared\",\"name\":\"B\"}")
                        .status())
                .isEqualTo(201);

        assertThat(slugs(api.get("/v1/projects", first.key()))).containsExactlyInAnyOrder("default", "shared");
    }

    @Test
    void invalidProjectRequestsAreRejected_andCreateNothing() {
        Tenant tenant = api.signUp("badslug");
        record Case(String body, int status, String type) {}
        List<Case> cases = List.of(
                new Case("{\"slug\":\"Has Caps\",\"name\":\"x\"}", 422, "invalid-project-slug"),
                new Case("{\"slug\":\"-leading\",\"name\":\"x\"}", 422, "invalid-project-slug"),
                new Case("{\"slug\":\"trailing-\",\"name\":\"x\"}", 422, "invalid-project-slug"),
                new Case("{\"slug\":\"double--hyphen\",\"name\":\"x\"}", 422, "invalid-project-slug"),
                new Case("{\"slug\":\"under_score\",\"name\":\"x\"}", 422, "invalid-project-slug"),
                new Case("{\"slug\":\"" + "a".repeat(64) + "\",\"name\":\"x\"}", 422, "invalid-request"),
                new Case("{\"slug\":\"\",\"name\":\"x\"}", 422, "invalid-request"),
                new Case("{\"name\":\"x\"}", 422, "invalid-request"),
                new Case("{\"slug\":\"ok\"}", 422, "invalid-request"),
                new Case("{\"slug\":\"ok\",\"name\":\"" + "n".repeat(101) + "\"}", 422, "invalid-request"),
                new Case("{\"slug\":\"ok\",\"name\":\" padded \"}", 422, "invalid-project-name"),
                new Case("{\"slug\":\"ok\",\"name\":", 400, "malformed-request"),
                new Case("{\"slug\":7,\"name\":\"x\"}", 400, "malformed-request"),
                new Case("{\"slug\":\"ok\",\"name\":\"x\",\"colour\":\"red\"}", 400, "malformed-request"));

        for (Case c : cases) {
            ApiResponse response = api.post("/v1/projects", tenant.key(), c.body());

            assertThat(response.status()).as(c.body()).isEqualTo(c.status());
            assertThat(response.contentType()).as(c.body()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(c.body()).endsWith("/" + c.type());
            assertThat(response.json().get("detail").asText()).as(c.body()).isNotBlank();
        }
        assertThat(slugs(api.get("/v1/projects", tenant.key()))).containsExactly("default");
    }

    @Test
    void givenReadOnlyKey_whenItCreatesAProject_thenForbiddenNamingTheScope_butItCanList() {
        Tenant tenant = api.signUp("readonly");
        String reader = api.createKey(tenant.key(), "{\"name\":\"reader\",\"scopes\":[\"artifacts:read\"]}")
                .get("key")
                .asText();

        ApiResponse refused = api.post("/v1/projects", reader, "{\"slug\":\"nope\",\"name\":\"Nope\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("/insufficient-scope");
        assertThat(refused.json().get("requiredScope").asText()).isEqualTo("artifacts:create");
        ApiResponse list = api.get("/v1/projects", reader);
        assertThat(list.status()).isEqualTo(200);
        assertThat(slugs(list)).containsExactly("default");
    }

    @Test
    void givenKeyWithoutArtifactsRead_whenItListsProjects_thenForbidden() {
        Tenant tenant = api.signUp("noread");
        String auditor = api.createKey(tenant.key(), "{\"name\":\"auditor\",\"scopes\":[\"audit:read\"]}")
                .get("key")
                .asText();

        ApiResponse refused = api.get("/v1/projects", auditor);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("requiredScope").asText()).isEqualTo("artifacts:read");
    }

    @Test
    void givenNoKey_whenProjectsAreListedOrCreated_thenUnauthenticated() {
        for (ApiResponse response : List.of(
                api.get("/v1/projects", null), api.post("/v1/projects", null, "{\"slug\":\"x\",\"name\":\"x\"}"))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void givenNewProject_whenArtifactIsCreatedInIt_thenItIsListedThereAndNotInDefault() {
        Tenant tenant = api.signUp("inproject");
        api.post("/v1/projects", tenant.key(), "{\"slug\":\"specs\",\"name\":\"Specs\"}");

        ApiResponse created = api.post(
                "/v1/artifacts", tenant.key(), "{\"project\":\"specs\",\"title\":\"API spec\",\"content\":\"v1\"}");

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("project").asText()).isEqualTo("specs");
        assertThat(api.get("/v1/artifacts/" + id, tenant.key())
                        .json()
                        .get("project")
                        .asText())
                .isEqualTo("specs");
        assertThat(artifactIds(api.get("/v1/artifacts?project=specs", tenant.key())))
                .containsExactly(id);
        assertThat(artifactIds(api.get("/v1/artifacts?project=default", tenant.key())))
                .isEmpty();
    }

    @Test
    void givenUnknownProjectSlug_whenArtifactIsCreatedOrListed_thenProjectNotFound_andNothingIsCreated() {
        Tenant tenant = api.signUp("noproject");

        ApiResponse created = api.post(
                "/v1/artifacts", tenant.key(), "{\"project\":\"missing\",\"title\":\"Lost\",\"content\":\"x\"}");

        assertThat(created.status()).isEqualTo(404);
        assertThat(created.contentType()).startsWith("application/problem+json");
        assertThat(created.json().get("type").asText()).endsWith("/project-not-found");
        assertThat(created.json().get("detail").asText()).contains("missing");
        ApiResponse list = api.get("/v1/artifacts?project=missing", tenant.key());
        assertThat(list.status()).isEqualTo(404);
        assertThat(list.json().get("type").asText()).endsWith("/project-not-found");
        assertThat(api.get("/v1/audit-events?action=artifact.created", tenant.key())
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void givenAnotherTenantsProjectSlug_whenArtifactIsCreatedThere_thenProjectNotFound() {
        Tenant owner = api.signUp("slugowner");
        Tenant stranger = api.signUp("slugstranger");
        api.post("/v1/projects", owner.key(), "{\"slug\":\"private-stuff\",\"name\":\"Mine\"}");

        ApiResponse created = api.post(
                "/v1/artifacts", stranger.key(), "{\"project\":\"private-stuff\",\"title\":\"x\",\"content\":\"x\"}");

        assertThat(created.status()).isEqualTo(404);
        assertThat(created.json().get("type").asText()).endsWith("/project-not-found");
        assertThat(artifactIds(api.get("/v1/artifacts?project=private-stuff", owner.key())))
                .isEmpty();
    }

    private static List<String> slugs(ApiResponse list) {
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(item -> item.get("slug").asText())
                .toList();
    }

    private static List<String> artifactIds(ApiResponse list) {
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(item -> item.get("id").asText())
                .toList();
    }
}
