package dev.artifacta.server.audit;

import static dev.artifacta.server.audit.AuditTrail.all;
import static dev.artifacta.server.audit.AuditTrail.eventIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.server.audit.AuditRetentionJob.PurgeRun;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.MovableClock;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Retention of the audit view with a movable clock. One story, in order: entries age past the free
 * plan's 7 days, plans change, the purge runs in small batches, and chains continue from their
 * heads. The tests share the clock, so they run in order.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditRetentionIT extends ApiTest {

    private static final int BATCH = 2;
    private static final int MAX_BATCHES = 4;

    @Inject
    DataSource dataSource;

    @Inject
    MovableClock clock;

    @Inject
    AuditRetentionJob job;

    @Inject
    PlanCatalog plans;

    private Tables tables;
    /** Free throughout, acts again after aging. */
    private Tenant free;
    /** Free throughout, never acts again: every entry expires. */
    private Tenant silent;
    /** Pro throughout. */
    private Tenant pro;
    /** Team throughout. */
    private Tenant team;
    /** Free, upgraded to pro after its entries aged past 7 days. */
    private Tenant upgraded;
    /** Pro, downgraded to free after its entries aged past 7 days. */
    private Tenant downgraded;

    private final Map<String, List<String>> oldEntries = new HashMap<>();
    private final Map<String, Map<String, Object>> lastOldRow = new HashMap<>();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "artifacta.test.movable-clock",
                "true",
                "artifacta.audit.purge.grace",
                "0s",
                "artifacta.audit.purge.batch-size",
                Integer.toString(BATCH),
                "artifacta.audit.purge.max-batches-per-run",
                Integer.toString(MAX_BATCHES));
    }

    @BeforeAll
    void youngHistory() {
        tables = new Tables(dataSource);
        free = api.signUp("free");
        api.createKey(free.key(), "{\"name\":\"old-key\"}");
        silent = api.signUp("silent");
        api.createKey(silent.key(), "{\"name\":\"old-key\"}");
        pro = api.signUp("pro");
        changePlan(pro, "pro");
        team = api.signUp("team");
        changePlan(team, "team");
        upgraded = api.signUp("upgraded");
        downgraded = api.signUp("downgraded");
        changePlan(downgraded, "pro");
        for (Tenant tenant : List.of(free, silent, pro, team, upgraded, downgraded)) {
            List<String> ids = eventIds(all(api, tenant.key(), "?order=asc"));
            assertThat(ids).hasSizeBetween(3, 4);
            oldEntries.put(tenant.id(), ids);
            List<Map<String, Object>> rows = AuditTrail.assertChain(tables, tenant.id(), 1, AuditTrail.GENESIS);
            lastOldRow.put(tenant.id(), rows.getLast());
        }
    }

    @Test
    @Order(1)
    void givenEntriesOlderThanSevenDays_thenAFreeTenantNoLongerSeesThemEvenBeforeAnyPurge() {
        clock.advance(Duration.ofDays(7).minusMinutes(2));
        assertThat(eventIds(all(api, free.key(), "?order=asc"))).containsExactlyElementsOf(oldEntries.get(free.id()));
        assertThat(eventIds(all(api, silent.key(), "?order=asc")))
                .containsExactlyElementsOf(oldEntries.get(silent.id()));

        clock.advance(Duration.ofMinutes(4));

        assertThat(all(api, free.key(), "")).isEmpty();
        assertThat(all(api, silent.key(), "")).isEmpty();
        assertThat(all(api, upgraded.key(), "")).isEmpty();
        assertThat(all(api, free.key(), "?from=2000-01-01T00:00:00Z&order=asc")).isEmpty();
        assertThat(eventIds(all(api, pro.key(), "?order=asc"))).containsExactlyElementsOf(oldEntries.get(pro.id()));
        assertThat(eventIds(all(api, downgraded.key(), "?order=asc")))
                .containsExactlyElementsOf(oldEntries.get(downgraded.id()));
        // Still stored: only the queries hide them.
        assertThat(AuditTrail.chainRows(tables, free.id()))
                .hasSize(oldEntries.get(free.id()).size());

        String newKey =
                api.createKey(free.key(), "{\"name\":\"new-key\"}").get("id").asText();
        assertThat(all(api, free.key(), ""))
                .extracting(e ->
                        e.get("action").asText() + " " + e.at("/resource/id").asText())
                .containsExactly("api_key.created " + newKey);
    }

    @Test
    @Order(2)
    void givenAgedEntries_whenThePlanChanges_thenTheNewPlansWindowAppliesAtOnce() {
        changePlan(upgraded, "pro");
        List<String> afterUpgrade = eventIds(all(api, upgraded.key(), "?order=asc"));
        assertThat(afterUpgrade).hasSize(oldEntries.get(upgraded.id()).size() + 1);
        assertThat(afterUpgrade.subList(0, oldEntries.get(upgraded.id()).size()))
                .containsExactlyElementsOf(oldEntries.get(upgraded.id()));

        changePlan(downgraded, "free");
        assertThat(all(api, downgraded.key(), ""))
                .extracting(e ->
                        e.get("action").asText() + " " + e.at("/details/plan").asText())
                .containsExactly("tenant.plan_changed free");
    }

    @Test
    @Order(3)
    void thePurgeRemovesExactlyTheExpiredEntriesInBatchesAndKeepsTheEvents() {
        List<Map<String, Object>> before = allRows();
        List<Map<String, Object>> headsBefore = heads();
        Instant now = clock.instant();
        Map<String, String> planOf = headsBefore.stream()
                .collect(Collectors.toMap(h -> (String) h.get("tenant_id"), h -> (String) h.get("plan")));
        List<Map<String, Object>> expired = before.stream()
                .filter(r -> "free".equals(planOf.get(r.get("tenant_id"))))
                .filter(r -> occurredAt(r).isBefore(now.minus(Duration.ofDays(7))))
                .toList();
        // free, silent and downgraded: every entry made at the start.
        assertThat(expired.stream().map(r -> (String) r.get("event_id")).toList())
                .containsExactlyInAnyOrderElementsOf(concat(
                        oldEntries.get(free.id()), oldEntries.get(silent.id()), oldEntries.get(downgraded.id())));
        assertThat(expired).hasSizeGreaterThan(BATCH * MAX_BATCHES);

        List<PurgeRun> runs = new ArrayList<>();
        do {
            runs.add(job.purgeExpired());
        } while (!runs.getLast().complete() && runs.size() < 20);

        assertThat(runs).containsExactlyElementsOf(simulatedRuns(Map.of("free", expired.size())));
        assertThat(runs.size())
                .as("more than one run: the batch budget is %d", MAX_BATCHES)
                .isGreaterThan(1);
        assertThat(runs.stream().mapToLong(PurgeRun::removed).sum()).isEqualTo(expired.size());
        assertThat(runs).allSatisfy(run -> assertThat(run.batches()).isLessThanOrEqualTo(MAX_BATCHES));
        assertThat(job.purgeExpired()).isEqualTo(new PurgeRun(0, plans.all().size(), true));

        List<Map<String, Object>> expectedLeft = new ArrayList<>(before);
        expectedLeft.removeAll(expired);
        assertThat(allRows()).containsExactlyElementsOf(expectedLeft);
        assertThat(heads()).as("chain heads survive the purge").isEqualTo(headsBefore);
        for (Map<String, Object> row : expired) {
            assertThat(tables.rows("SELECT event_identifier FROM domain_event_entry WHERE event_identifier = '"
                            + row.get("event_id") + "'"))
                    .as("purged entry's event stays in the store")
                    .hasSize(1);
        }
        // Pro and team tenants, and the tenant upgraded before the purge, still see everything.
        assertThat(eventIds(all(api, pro.key(), "?order=asc"))).containsExactlyElementsOf(oldEntries.get(pro.id()));
        assertThat(eventIds(all(api, team.key(), "?order=asc"))).containsExactlyElementsOf(oldEntries.get(team.id()));
        assertThat(eventIds(all(api, upgraded.key(), "?order=asc")))
                .startsWith(oldEntries.get(upgraded.id()).toArray(String[]::new));
    }

    @Test
    @Order(4)
    void afterThePurgeChainsContinueFromTheirHeads() {
        // silent lost every stored entry; its chain continues from audit_tenant's head.
        Map<String, Object> silentHead = AuditTrail.head(tables, silent.id());
        assertThat(AuditTrail.chainRows(tables, silent.id())).isEmpty();
        assertThat(silentHead.get("last_hash"))
                .isEqualTo(lastOldRow.get(silent.id()).get("hash"));
        String key = api.createKey(silent.key(), "{\"name\":\"after-purge\"}")
                .get("id")
                .asText();
        long oldCount = oldEntries.get(silent.id()).size();
        List<Map<String, Object>> silentRows =
                AuditTrail.assertChain(tables, silent.id(), oldCount + 1, (String) silentHead.get("last_hash"));
        assertThat(silentRows).hasSize(1);
        assertThat(all(api, silent.key(), ""))
                .extracting(e -> e.at("/resource/id").asText())
                .containsExactly(key);

        // free and downgraded kept their young entries, which chain from the purged ones.
        AuditTrail.assertChain(tables, free.id(), oldEntries.get(free.id()).size() + 1, (String)
                lastOldRow.get(free.id()).get("hash"));
        AuditTrail.assertChain(
                tables, downgraded.id(), oldEntries.get(downgraded.id()).size() + 1, (String)
                        lastOldRow.get(downgraded.id()).get("hash"));
        for (Tenant kept : List.of(pro, team, upgraded)) {
            AuditTrail.assertChain(tables, kept.id(), 1, AuditTrail.GENESIS);
        }

        // An upgrade after the purge cannot bring back what was removed.
        changePlan(downgraded, "pro");
        assertThat(all(api, downgraded.key(), "?order=asc"))
                .extracting(e ->
                        e.get("action").asText() + " " + e.at("/details/plan").asText())
                .containsExactly("tenant.plan_changed free", "tenant.plan_changed pro");
        changePlan(downgraded, "free");
    }

    @Test
    @Order(5)
    void afterNinetyDaysProEntriesExpireButTeamEntriesStay() {
        clock.advance(Duration.ofDays(83)); // about 90 days and 2 minutes after the start
        assertThat(all(api, pro.key(), "")).isEmpty();
        assertThat(eventIds(all(api, team.key(), "?order=asc"))).containsExactlyElementsOf(oldEntries.get(team.id()));

        List<Map<String, Object>> before = allRows();
        Set<String> proTenants = Set.of(pro.id(), upgraded.id());
        List<Map<String, Object>> expected = before.stream()
                .filter(r -> !proTenants.contains(r.get("tenant_id"))
                        || !occurredAt(r).isBefore(clock.instant().minus(Duration.ofDays(90))))
                .filter(r -> !"free"
                                .equals(AuditTrail.head(tables, (String) r.get("tenant_id"))
                                        .get("plan"))
                        || !occurredAt(r).isBefore(clock.instant().minus(Duration.ofDays(7))))
                .toList();
        long removed = 0;
        PurgeRun run;
        int runs = 0;
        do {
            run = job.purgeExpired();
            removed += run.removed();
        } while (!run.complete() && ++runs < 20);
        assertThat(removed).isEqualTo(before.size() - expected.size());
        assertThat(allRows()).containsExactlyElementsOf(expected);
        assertThat(AuditTrail.chainRows(tables, team.id()))
                .hasSize(oldEntries.get(team.id()).size());
        assertThat(AuditTrail.chainRows(tables, pro.id())).isEmpty();
    }

    // --- helpers

    /** What the job's runs should be: batches per plan in the catalog's order, within the budget. */
    private List<PurgeRun> simulatedRuns(Map<String, Integer> expiredByPlan) {
        Map<String, Integer> left = new HashMap<>(expiredByPlan);
        List<PurgeRun> runs = new ArrayList<>();
        boolean complete;
        do {
            long removed = 0;
            int batches = 0;
            complete = true;
            outer:
            for (PlanLimits plan : plans.all()) {
                int deleted;
                do {
                    if (batches >= MAX_BATCHES) {
                        complete = false;
                        break outer;
                    }
                    int remaining = left.getOrDefault(plan.id(), 0);
                    deleted = Math.min(BATCH, remaining);
                    left.put(plan.id(), remaining - deleted);
                    batches++;
                    removed += deleted;
                } while (deleted == BATCH);
            }
            runs.add(new PurgeRun(removed, batches, complete));
        } while (!complete);
        return runs;
    }

    private void changePlan(Tenant tenant, String plan) {
        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"" + plan + "\"}")
                        .status())
                .isEqualTo(200);
    }

    private List<Map<String, Object>> allRows() {
        return tables.rows("SELECT * FROM audit_log ORDER BY tenant_id, sequence");
    }

    private List<Map<String, Object>> heads() {
        return tables.rows("SELECT * FROM audit_tenant ORDER BY tenant_id");
    }

    private static Instant occurredAt(Map<String, Object> row) {
        Object value = row.get("occurred_at");
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
