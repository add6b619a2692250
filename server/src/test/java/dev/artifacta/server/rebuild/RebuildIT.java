package dev.artifacta.server.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.query.apikeylist.ApiKeyListProjection;
import dev.artifacta.query.auditlog.AuditLogProjection;
import dev.artifacta.server.axon.ViewReplays;
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

    private static final Map<String, String> VIEWS = Map.of(
            "api_key_list", "SELECT * FROM api_key_list ORDER BY key_id",
            "audit_log", "SELECT * FROM audit_log ORDER BY global_index",
            "credential_registry", "SELECT * FROM credential_registry ORDER BY key_id",
            "tenant_registry", "SELECT * FROM tenant_registry ORDER BY tenant_id");

    @Inject
    DataSource dataSource;

    @Inject
    ViewReplays replays;

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
    }

    @Test
    void givenHistory_whenEveryViewIsDroppedAndReplayed_thenEveryRowIsAsBefore() throws Exception {
        Map<String, List<Map<String, Object>>> before = snapshot();
        assertThat(before.get("api_key_list")).hasSize(5);
        assertThat(before.get("audit_log")).hasSizeGreaterThanOrEqualTo(9);

        tables.execute("DELETE FROM api_key_list");
        tables.execute("DELETE FROM audit_log");
        tables.execute("DELETE FROM credential_registry");
        tables.execute("DELETE FROM tenant_registry");
        assertThat(tables.rows(VIEWS.get("audit_log"))).isEmpty();

        replays.replay(ApiKeyListProjection.NAME, Duration.ofSeconds(30));
        replays.replay(AuditLogProjection.NAME, Duration.ofSeconds(30));
        replays.rebuildCommandLookups();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(api.get("/v1/whoami", activeKey).status()).isEqualTo(200);
        assertThat(api.get("/v1/whoami", revokedKey).status()).isEqualTo(401);
    }

    @Test
    void givenIntactViews_whenReplayedAgain_thenNothingChanges() throws Exception {
        Map<String, List<Map<String, Object>>> before = snapshot();

        replays.replay(AuditLogProjection.NAME, Duration.ofSeconds(30));
        replays.replay(ApiKeyListProjection.NAME, Duration.ofSeconds(30));
        replays.rebuildCommandLookups();

        assertThat(snapshot()).isEqualTo(before);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        var result = new java.util.TreeMap<String, List<Map<String, Object>>>();
        VIEWS.forEach((name, sql) -> result.put(name, tables.rows(sql)));
        return result;
    }
}
