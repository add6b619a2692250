package dev.artifacta.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ContentLimitIT extends ApiTest {

    private static final int LIMIT = 1024;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.content.max-version-bytes", Integer.toString(LIMIT));
    }

    @Test
    void givenContentAtTheLimit_whenCreated_thenAccepted() {
        Tenant tenant = api.signUp("atlimit");

        ApiResponse text = api.post("/v1/artifacts", tenant.key(), create("At the limit", "x".repeat(LIMIT)));
        ApiResponse binary = api.post("/v1/artifacts", tenant.key(), createBase64("Binary at the limit", LIMIT));

        assertThat(text.status()).as(text.body()).isEqualTo(201);
        assertThat(text.json().get("size").asLong()).isEqualTo(LIMIT);
        assertThat(binary.status()).as(binary.body()).isEqualTo(201);
        assertThat(binary.json().get("size").asLong()).isEqualTo(LIMIT);
    }

    @Test
    void givenContentOverTheLimit_whenCreated_thenContentTooLarge_andNothingIsStored() {
        Tenant tenant = api.signUp("overlimit");

        for (String body : List.of(
                create("One byte too many", "x".repeat(LIMIT + 1)),
                createBase64("Binary one byte too many", LIMIT + 1),
                // 513 characters of two bytes each: the limit counts bytes, not characters.
                create("Wide characters", "é".repeat(LIMIT / 2 + 1)))) {
            ApiResponse response = api.post("/v1/artifacts", tenant.key(), body);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).endsWith("/content-too-large");
            assertThat(response.json().get("limitBytes").asLong()).isEqualTo(LIMIT);
            assertThat(response.json().get("detail").asText()).contains(Integer.toString(LIMIT));
        }
        assertThat(items(api.get("/v1/artifacts?project=default", tenant.key())))
                .isEmpty();
        assertThat(api.get("/v1/whoami", tenant.key())
                        .json()
                        .at("/usage/storage/usedBytes")
                        .asLong())
                .isZero();
    }

    @Test
    void givenVersionOverTheLimit_whenAppended_thenContentTooLarge_andTheHistoryIsUnchanged() {
        Tenant tenant = api.signUp("appendlimit");
        ApiResponse created = api.post("/v1/artifacts", tenant.key(), create("Small", "small"));
        String id = created.json().get("id").asText();

        ApiResponse appended = api.post(
                "/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"" + "y".repeat(LIMIT + 1) + "\"}");

        assertThat(appended.status()).isEqualTo(413);
        assertThat(appended.json().get("type").asText()).endsWith("/content-too-large");
        ApiResponse versions = api.get("/v1/artifacts/" + id + "/versions", tenant.key());
        assertThat(versions.json().get("items")).hasSize(1);
        assertThat(api.get("/v1/artifacts/" + id, tenant.key()).header("ETag")).isEqualTo("\"1\"");
        assertThat(api.get("/v1/artifacts/" + id + "/content", tenant.key()).body())
                .isEqualTo("small");
    }

    private static String create(String title, String text) {
        return "{\"title\":\"" + title + "\",\"content\":\"" + text + "\"}";
    }

    private static String createBase64(String title, int size) {
        byte[] bytes = "z".repeat(size).getBytes(StandardCharsets.US_ASCII);
        return "{\"title\":\"" + title + "\",\"contentBase64\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\"}";
    }

    private static List<String> items(ApiResponse list) {
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(item -> item.get("id").asText())
                .toList();
    }
}
