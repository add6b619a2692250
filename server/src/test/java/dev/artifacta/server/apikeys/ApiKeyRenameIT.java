package dev.artifacta.server.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Renaming a key: the key keeps working, its name is free again, and the audit trail keeps both names. */
@MicronautTest(transactional = false)
class ApiKeyRenameIT extends ApiTest {

    private static final String SCOPES = "[\"artifacts:read\",\"artifacts:create\",\"agents:manage\"]";

    @Test
    void givenKeyThatActedUnderItsOldName_whenRenamed_thenAuditFindsEachActionUnderTheNameItHadThen() {
        Tenant tenant = api.signUp("rename");
        JsonNode ci = api.createKey(tenant.key(), "{\"name\":\"CI\",\"scopes\":" + SCOPES + "}");
        String ciId = ci.get("id").asText();
        String ciKey = ci.get("key").asText();
        assertThat(api.post("/v1/artifacts", ciKey, "{\"title\":\"before\",\"content\":\"a\"}")
                        .status())
                .isEqualTo(201);

        ApiResponse renamed = api.patch("/v1/api-keys/" + ciId, tenant.key(), "{\"name\":\"CI Pipeline\"}");

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("CI Pipeline");
        assertThat(api.post("/v1/artifacts", ciKey, "{\"title\":\"after\",\"content\":\"b\"}")
                        .status())
                .as("the renamed key still authenticates")
                .isEqualTo(201);
        assertThat(titlesCreatedBy(tenant, "keyName=CI")).containsExactly("before");
        assertThat(titlesCreatedBy(tenant, "keyName=CI%20Pipeline")).containsExactly("after");
        assertThat(titlesCreatedBy(tenant, "keyId=" + ciId)).containsExactly("after", "before");
        JsonNode renaming = items(api.get("/v1/audit-events?action=api_key.renamed", tenant.key()))
                .getFirst();
        assertThat(renaming.at("/resource/id").asText()).isEqualTo(ciId);
        assertThat(renaming.at("/details/previousName").asText()).isEqualTo("CI");
        assertThat(renaming.at("/details/name").asText()).isEqualTo("CI Pipeline");
        assertThat(renaming.at("/actor/keyName").asText()).isEqualTo("Default key");
    }

    @Test
    void givenRenamedKey_whenListed_thenNewNameAndOldNameIsFreeForANewKey() {
        Tenant tenant = api.signUp("rename-free");
        String id =
                api.createKey(tenant.key(), "{\"name\":\"deploy\"}").get("id").asText();

        api.patch("/v1/api-keys/" + id, tenant.key(), "{\"name\":\"deploy-old\"}");

        assertThat(api.get("/v1/api-keys/" + id, tenant.key())
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo("deploy-old");
        assertThat(api.post("/v1/api-keys", tenant.key(), "{\"name\":\"deploy\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/v1/api-keys", tenant.key(), "{\"name\":\"deploy-old\"}")
                        .status())
                .as("the new name is taken by the renamed key")
                .isEqualTo(409);
    }

    @Test
    void renameRefusals() {
        Tenant tenant = api.signUp("rename-refused");
        Tenant other = api.signUp("rename-other");
        String first =
                api.createKey(tenant.key(), "{\"name\":\"first\"}").get("id").asText();
        api.createKey(tenant.key(), "{\"name\":\"second\"}");
        String revoked =
                api.createKey(tenant.key(), "{\"name\":\"gone\"}").get("id").asText();
        api.delete("/v1/api-keys/" + revoked, tenant.key());

        assertProblem(
                api.patch("/v1/api-keys/" + first, tenant.key(), "{\"name\":\"second\"}"), 409, "api-key-name-taken");
        assertProblem(
                api.patch("/v1/api-keys/" + revoked, tenant.key(), "{\"name\":\"back\"}"),
                409,
                "api-key-already-revoked");
        assertProblem(api.patch("/v1/api-keys/" + first, other.key(), "{\"name\":\"mine\"}"), 404, "api-key-not-found");
        assertProblem(api.patch("/v1/api-keys/not-a-uuid", tenant.key(), "{\"name\":\"x\"}"), 404, "api-key-not-found");
        assertThat(api.patch("/v1/api-keys/" + first, tenant.key(), "{\"name\":\" padded \"}")
                        .status())
                .isEqualTo(422);
        assertThat(api.patch("/v1/api-keys/" + first, tenant.key(), "{\"name\":\"\"}")
                        .status())
                .isEqualTo(422);
        assertThat(api.patch("/v1/api-keys/" + first, tenant.key(), "{\"title\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/v1/api-keys/" + first, tenant.key())
                        .json()
                        .get("name")
                        .asText())
                .as("no refused rename changed anything")
                .isEqualTo("first");
        JsonNode reader = api.createKey(tenant.key(), "{\"name\":\"reader\",\"scopes\":[\"artifacts:read\"]}");
        assertProblem(
                api.patch("/v1/api-keys/" + first, reader.get("key").asText(), "{\"name\":\"x\"}"),
                403,
                "insufficient-scope");
    }

    private List<String> titlesCreatedBy(Tenant tenant, String filter) {
        return items(api.get("/v1/audit-events?action=artifact.created&" + filter, tenant.key())).stream()
                .map(item -> item.at("/details/title").asText())
                .toList();
    }

    private static List<JsonNode> items(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("items").spliterator(), false)
                .toList();
    }

    private static void assertProblem(ApiResponse response, int status, String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith("/" + slug);
    }
}
