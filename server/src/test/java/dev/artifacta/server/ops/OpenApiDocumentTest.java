package dev.artifacta.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The API reference in docs/ is the OpenAPI document generated from the controllers at compile
 * time. When a controller changes, this fails until the copy is refreshed:
 * {@code cp server/target/classes/META-INF/swagger/artifacta-v1.yml docs/openapi/}.
 */
class OpenApiDocumentTest {

    @Test
    void docsCopyOfTheOpenApiDocumentMatchesTheGeneratedOne() throws IOException {
        String generated;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/swagger/artifacta-v1.yml")) {
            assertThat(in).as("the OpenAPI processor generated the document").isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String documented = Files.readString(Path.of("..", "docs", "openapi", "artifacta-v1.yml"));

        assertThat(documented)
                .as("docs/openapi/artifacta-v1.yml is stale: copy server/target/classes/META-INF/swagger/"
                        + "artifacta-v1.yml over it")
                .isEqualTo(generated);
        assertThat(generated).contains("/v1/api-keys", "/v1/whoami", "/v1/audit-events", "/v1/signup");
    }
}
