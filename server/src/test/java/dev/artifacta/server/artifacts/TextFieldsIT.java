package dev.artifacta.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * Names, titles and file names follow one rule everywhere (docs/api.md, "Text fields"): no control
 * characters (C0, DEL, C1: so no CR or LF either), no lone surrogates, and stored in Unicode NFC.
 */
@MicronautTest(transactional = false)
class TextFieldsIT extends ApiTest {

    @Test
    void givenControlCharactersOrLoneSurrogates_whenNamingOrTitling_thenRefusedWith422() {
        Tenant tenant = api.signUp("control");

        for (String name : new String[] {"bell\\u0007", "line\\r\\nbreak", "tab\\tbed", "c1\\u0085", "sep\\u2028"}) {
            ApiResponse key = api.post("/v1/api-keys", tenant.key(), "{\"name\":\"" + name + "\"}");
            assertThat(key.status()).as("key name " + name).isEqualTo(422);
            assertThat(key.json().get("type").asText()).endsWith("/invalid-text");

            ApiResponse artifact =
                    api.post("/v1/artifacts", tenant.key(), "{\"title\":\"" + name + "\",\"content\":\"x\"}");
            assertThat(artifact.status()).as("title " + name).isEqualTo(422);

            ApiResponse file = api.post(
                    "/v1/artifacts",
                    tenant.key(),
                    "{\"title\":\"ok\",\"content\":\"x\",\"fileName\":\"" + name + "\"}");
            assertThat(file.status()).as("file name " + name).isEqualTo(422);

            ApiResponse project = api.post(
                    "/v1/projects",
                    tenant.key(),
                    "{\"slug\":\"p-" + Math.abs(name.hashCode()) + "\",\"name\":\"" + name + "\"}");
            assertThat(project.status()).as("project name " + name).isEqualTo(422);
        }
        // An unpaired surrogate is not Unicode text in any field: refused as unreadable JSON.
        ApiResponse lone = api.post("/v1/api-keys", tenant.key(), "{\"name\":\"lone\\ud800\"}");
        assertThat(lone.status()).isEqualTo(400);
        assertThat(lone.json().get("detail").asText()).contains("'name'").contains("unpaired surrogate");
        ApiResponse loneContent =
                api.post("/v1/artifacts", tenant.key(), "{\"title\":\"ok\",\"content\":\"x\\udc00y\"}");
        assertThat(loneContent.status()).isEqualTo(400);

        assertThat(api.get("/v1/api-keys", tenant.key()).json().get("items")).hasSize(1);
    }

    @Test
    void givenDecomposedText_whenStored_thenItIsNfc() {
        Tenant tenant = api.signUp("nfc");

        ApiResponse key = api.post("/v1/api-keys", tenant.key(), "{\"name\":\"Caf\\u0065\\u0301\"}");
        ApiResponse artifact =
                api.post("/v1/artifacts", tenant.key(), "{\"title\":\"Caf\\u0065\\u0301\",\"content\":\"x\"}");

        assertThat(key.status()).isEqualTo(201);
        assertThat(api.get("/v1/api-keys/" + key.json().get("id").asText(), tenant.key())
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo("Caf\u00e9");
        assertThat(artifact.status()).isEqualTo(201);
        assertThat(api.get("/v1/artifacts/" + artifact.json().get("id").asText(), tenant.key())
                        .json()
                        .get("title")
                        .asText())
                .isEqualTo("Caf\u00e9");
    }

    @Test
    void givenAnEditorLink_whenItAppendsAFileNameWithCrLf_thenRefused_andContentStillReads() {
        Tenant tenant = api.signUp("crlf-file");
        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        String artifact = api.post("/v1/artifacts", tenant.key(), "{\"title\":\"Shared\",\"content\":\"v1\"}")
                .json()
                .get("id")
                .asText();
        String token = api.post("/v1/artifacts/" + artifact + "/share-links", tenant.key(), "{\"role\":\"editor\"}")
                .json()
                .get("token")
                .asText();

        ApiResponse append =
                api.post("/v1/shared/" + token + "/versions", null, "{\"content\":\"x\",\"fileName\":\"a\\r\\nb\"}");

        assertThat(append.status()).isEqualTo(422);
        assertThat(api.get("/v1/artifacts/" + artifact + "/content", tenant.key())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void givenAFileNameBeyondAscii_whenContentIsRead_thenContentDispositionCarriesItEncoded() {
        Tenant tenant = api.signUp("disposition");
        String artifact = api.post(
                        "/v1/artifacts",
                        tenant.key(),
                        "{\"title\":\"CV\",\"content\":\"x\",\"fileName\":\"r\\u00e9sum\\u00e9 \\\"final\\\"; 100%.txt\"}")
                .json()
                .get("id")
                .asText();

        ApiResponse content = api.get("/v1/artifacts/" + artifact + "/content", tenant.key());

        assertThat(content.status()).isEqualTo(200);
        assertThat(content.header("Content-Disposition"))
                .isEqualTo("inline; filename=\"r_sum_ _final_; 100_.txt\";"
                        + " filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%3B%20100%25.txt");
    }
}
