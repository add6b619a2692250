package dev.artifacta.server.processing.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.processing.views.ProjectionCatalog;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every view can be dropped and rebuilt from the events, and comes out identical. */
@MicronautTest(transactional = false)
class RebuildIT extends ApiTest {

    private static final Map<String, String> VIEWS = Map.ofEntries(
            Map.entry("api_key_list", "SELECT * FROM api_key_list ORDER BY key_id"),
            Map.entry("audit_log", "SELECT * FROM audit_log ORDER BY tenant_id, sequence"),
            Map.entry("credential_registry", "SELECT * FROM credential_registry ORDER BY key_id"),
            Map.entry("tenant_registry", "SELECT * FROM tenant_registry ORDER BY tenant_id"),
            Map.entry("project_registry", "SELECT * FROM project_registry ORDER BY project_id"),
            Map.entry("share_link_registry", "SELECT * FROM share_link_registry ORDER BY link_id"),
            Map.entry("project_list", "SELECT * FROM project_list ORDER BY project_id"),
            Map.entry("artifact_heads", "SELECT * FROM artifact_heads ORDER BY artifact_id"),
            Map.entry("artifact_versions", "SELECT * FROM artifact_versions ORDER BY id"),
            Map.entry("share_link_list", "SELECT * FROM share_link_list ORDER BY link_id"));

    @Inject
    DataSource dataSource;

    @Inject
    InPlaceRebuilds replays;

    @Inject
    ProjectionCatalog catalog;

    private Tables tables;
    private Tenant acme;
    private String revokedKey;
    private String activeKey;

    @BeforeAll
    void history() {
        tables = new Tables(dataSource);
        acme = api.signUp("acme");
        Tenant globex = api.signUp("globex");
        var ci = api.createKey(
                acme.key(), "{\"name\":\"CI Pipeline\",\"scopes\":[\"artifacts:read\",\"agents:manage\"]}");
        api.createKey(ci.get("key").asText(), "{\"name\":\"child\",\"scopes\":[\"artifacts:read\"]}");
        revokedKey = ci.get("key").asText();
        api.delete("/v1/api-keys/" + ci.get("id").asText(), acme.key());
        activeKey = api.createKey(globex.key(), "{\"name\":\"bot\",\"identity\":{\"type\":\"agent\",\"name\":\"bot\"}}")
                .get("key")
                .asText();
        api.put("/admin/v1/tenants/" + globex.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"team\"}");

        api.post("/v1/projects", globex.key(), "{\"slug\":\"docs\",\"name\":\"Docs\"}");
        String notes = api.post(
                        "/v1/artifacts",
                        globex.key(),
                        "{\"project\":\"docs\",\"title\":\"Notes\",\"content\":\"one\",\"fileName\":\"n.md\"}")
                .json()
                .get("id")
                .asText();
        api.post("/v1/artifacts/" + notes + "/versions", globex.key(), "{\"content\":\"two\"}");
        api.post("/v1/artifacts/" + notes + "/restore", globex.key(), "{\"version\":1}");
        api.put(
                "/v1/artifacts/" + notes + "/access",
                globex.key(),
                "{\"publicView\":false,\"publicEdit\":false,\"viewerEmails\":[\"b@globex.example\"]}");
        String link = api.post("/v1/artifacts/" + notes + "/share-links", globex.key(), "{\"role\":\"viewer\"}")
                .json()
                .get("id")
                .asText();
        api.post("/v1/artifacts/" + notes + "/share-links", globex.key(), "{\"role\":\"editor\"}");
        api.delete("/v1/share-links/" + link, globex.key());
        String gone = api.post("/v1/artifacts", acme.key(), "{\"title\":\"Gone\",\"content\":\"x\"}")
                .json()
                .get("id")
                .asText();
        api.delete("/v1/artifacts/" + gone, acme.key());
    }

    @Test
    void givenHistory_whenEveryViewIsDroppedAndReplayed_thenEveryRowIsAsBefore() throws Exception {
        Map<String, List<Map<String, Object>>> before = snapshot();
        assertThat(before.get("api_key_list")).hasSize(5);
        assertThat(before.get("audit_log")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(before.get("artifact_versions")).hasSize(4);
        assertThat(before.get("share_link_list")).hasSize(2);

        for (String view : VIEWS.keySet()) {
            tables.execute("DELETE FROM " + view);
        }
        assertThat(tables.rows(VIEWS.get("audit_log"))).isEmpty();

        for (String processor : catalog.streamingProcessors()) {
            replays.replay(processor, Duration.ofSeconds(30));
        }
        replays.rebuildCommandLookups();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(api.get("/v1/whoami", activeKey).status()).isEqualTo(200);
        assertThat(api.get("/v1/whoami", revokedKey).status()).isEqualTo(401);
    }

    @Test
    void givenIntactViews_whenReplayedAgain_thenNothingChanges() throws Exception {
        Map<String, List<Map<String, Object>>> before = snapshot();

        for (String processor : catalog.streamingProcessors()) {
            replays.replay(processor, Duration.ofSeconds(30));
        }
        replays.rebuildCommandLookups();

        assertThat(snapshot()).isEqualTo(before);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        var result = new java.util.TreeMap<String, List<Map<String, Object>>>();
        VIEWS.forEach((name, sql) -> result.put(name, tables.rows(sql)));
        return result;
    }
}
