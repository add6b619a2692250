package dev.artifacta.server.audit;

import static dev.artifacta.server.audit.AuditTrail.all;
import static dev.artifacta.server.audit.AuditTrail.eventIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.query.auditlog.AuditLogProjection;
import dev.artifacta.server.processing.rebuild.InPlaceRebuilds;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.MovableClock;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replay of the audit view when some entries have aged past their tenant's window: it stores only
 * what the window holds, yet every chain head (and every kept entry's place in its chain) is as before.
 */
@MicronautTest(transactional = false)
class AuditReplayRetentionIT extends ApiTest {

    @Inject
    DataSource dataSource;

    @Inject
    MovableClock clock;

    @Inject
    InPlaceRebuilds replays;

    private Tables tables;
    private Tenant free;
    private Tenant pro;
    private Tenant upgraded;
    private Instant replayedAt;
    private List<Map<String, Object>> logBefore;
    private List<Map<String, Object>> headsBefore;
    private List<Map<String, Object>> logAfter;
    private List<Map<String, Object>> headsAfter;
    private List<String> upgradedTrailBefore;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.test.movable-clock", "true");
    }

    @BeforeAll
    void agedHistoryReplayed() throws Exception {
        tables = new Tables(dataSource);
        free = api.signUp("free");
        api.createKey(free.key(), "{\"name\":\"old-key\"}");
        pro = api.signUp("pro");
        changePlan(pro, "pro");
        upgraded = api.signUp("upgraded");

        clock.advance(Duration.ofDays(8));
        api.createKey(free.key(), "{\"name\":\"new-key\"}");
        changePlan(upgraded, "pro");
        upgradedTrailBefore = eventIds(all(api, upgraded.key(), "?order=asc"));
        assertThat(upgradedTrailBefore)
                .as("the upgrade shows the aged, still stored entries")
                .hasSize(4);

        logBefore = rows("SELECT * FROM audit_log ORDER BY tenant_id, sequence");
        headsBefore = rows("SELECT * FROM audit_tenant ORDER BY tenant_id");
        assertThat(logBefore.stream().filter(r -> free.id().equals(r.get("tenant_id"))))
                .as("nothing purged yet")
                .hasSize(5);

        replayedAt = clock.instant();
        replays.replay(AuditLogProjection.NAME, Duration.ofSeconds(30));
        logAfter = rows("SELECT * FROM audit_log ORDER BY tenant_id, sequence");
        headsAfter = rows("SELECT * FROM audit_tenant ORDER BY tenant_id");
    }

    @Test
    void everyChainHeadIsAsBeforeTheReplay() {
        assertThat(headsAfter).hasSize(3).containsExactlyElementsOf(headsBefore);
    }

    @Test
    void aFreeTenantsAgedEntriesAreNotRebuiltAndItsYoungOnesKeepTheirPlaceInTheChain() {
        Instant windowStart = replayedAt.minus(Duration.ofDays(7));
        List<Map<String, Object>> expected = ofTenant(logBefore, free).stream()
                .filter(r -> !occurredAt(r).isBefore(windowStart))
                .toList();
        assertThat(expected).hasSize(1);
        assertThat(ofTenant(logAfter, free)).containsExactlyElementsOf(expected);
        AuditTrail.assertChain(
                tables, free.id(), 5, (String) ofTenant(logBefore, free).get(3).get("hash"));
        assertThat(all(api, free.key(), ""))
                .extracting(e -> e.at("/details/name").asText())
                .containsExactly("new-key");
    }

    @Test
    void aProTenantsEntriesInsideItsWindowAreRebuiltAsTheyWere() {
        assertThat(ofTenant(logAfter, pro)).hasSize(4).containsExactlyElementsOf(ofTenant(logBefore, pro));
    }

    @Test
    void aTenantUpgradedAfterItsEntriesAgedPastTheFreeWindowSeesTheSameTrailAfterTheReplay() {
        assertThat(ofTenant(logAfter, upgraded))
                .as("rows of a tenant now on pro (90 days), all 8 days old")
                .containsExactlyElementsOf(ofTenant(logBefore, upgraded));
        assertThat(eventIds(all(api, upgraded.key(), "?order=asc"))).containsExactlyElementsOf(upgradedTrailBefore);
    }

    private List<Map<String, Object>> rows(String sql) {
        return tables.rows(sql);
    }

    private static List<Map<String, Object>> ofTenant(List<Map<String, Object>> rows, Tenant tenant) {
        return rows.stream().filter(r -> tenant.id().equals(r.get("tenant_id"))).toList();
    }

    private void changePlan(Tenant tenant, String plan) {
        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"" + plan + "\"}")
                        .status())
                .isEqualTo(200);
    }

    private static Instant occurredAt(Map<String, Object> row) {
        Object value = row.get("occurred_at");
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
