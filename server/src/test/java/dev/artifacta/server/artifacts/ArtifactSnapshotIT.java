package dev.artifacta.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Long histories load from snapshots, and nothing of the history is lost by it. */
@MicronautTest(transactional = false)
class ArtifactSnapshotIT extends ApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void givenMoreVersionsThanTheSnapshotInterval_whenTheFirstIsRestored_thenItsContentBecomesTheHead() {
        Tenant tenant = api.signUp("snapshots");
        JsonNode artifact = api.post("/v1/artifacts", tenant.key(), "{\"title\":\"Nightly\",\"content\":\"version 1\"}")
                .json();
        String id = artifact.get("id").asText();
        for (int version = 2; version <= 120; version++) {
            ApiResponse appended = api.post(
                    "/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"version " + version + "\"}");
            assertThat(appended.status()).as("version " + version).isEqualTo(201);
        }
        long snapshots = (long) new Tables(dataSource)
                .rows("SELECT COUNT(*) AS n FROM snapshot_event_entry WHERE aggregate_identifier = '" + id + "'")
                .getFirst()
                .get("n");
        assertThat(snapshots).isGreaterThanOrEqualTo(1);

        ApiResponse restored = api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":1}");

        assertThat(restored.status()).isEqualTo(201);
        assertThat(restored.json().get("version").asLong()).isEqualTo(121);
        assertThat(restored.json().get("sha256").asText())
                .isEqualTo(artifact.get("sha256").asText());
        assertThat(api.get("/v1/artifacts/" + id + "/versions?limit=200", tenant.key())
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(121);
        assertThat(api.get("/v1/artifacts/" + id + "/content", tenant.key()).body())
                .isEqualTo("version 1");
    }
}
