package dev.artifacta.server.audit;

import static dev.artifacta.server.audit.AuditTrail.all;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.query.auditlog.AuditLogProjection;
import dev.artifacta.server.processing.rebuild.InPlaceRebuilds;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The audit view replayed from the events comes out identical, hash chain and chain heads included. */
@MicronautTest(transactional = false)
class AuditReplayIT extends ApiTest {

    private static final String AUDIT_LOG = "SELECT * FROM audit_log ORDER BY tenant_id, sequence";
    private static final String AUDIT_TENANT = "SELECT * FROM audit_tenant ORDER BY tenant_id";

    @Inject
    DataSource dataSource;

    @Inject
    InPlaceRebuilds replays;

    @Test
    void givenAMixOfActionsAndARefusal_whenTheAuditViewIsReplayed_thenEveryRowAndHeadIsAsBefore() throws Exception {
        Tables tables = new Tables(dataSource);
        Tenant acme = api.signUp("acme");
        Tenant globex = api.signUp("globex");
        assertThat(api.put("/admin/v1/tenants/" + acme.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        JsonNode reader = api.createKey(acme.key(), "{\"name\":\"reader\",\"scopes\":[\"artifacts:read\"]}");
        JsonNode bot = api.createKey(
                acme.key(),
                "{\"name\":\"bot\",\"identity\":{\"type\":\"agent\",\"name\":\"bot\"},"
                        + "\"scopes\":[\"artifacts:read\",\"artifacts:create\",\"artifacts:update\"]}");
        String artifact = id(api.post("/v1/artifacts", bot.get("key").asText(), "{\"title\":\"A\",\"content\":\"1\"}"));
        assertOk(api.post("/v1/artifacts/" + artifact + "/versions", acme.key(), "{\"content\":\"2\"}"));
        ApiResponse denied =
                api.post("/v1/artifacts", reader.get("key").asText(), "{\"title\":\"nope\",\"content\":\"x\"}");
        assertThat(denied.status()).isEqualTo(403);
        String link = id(api.post("/v1/artifacts/" + artifact + "/share-links", acme.key(), "{\"role\":\"viewer\"}"));
        assertThat(api.delete("/v1/share-links/" + link, acme.key()).status()).isEqualTo(204);
        assertThat(api.delete("/v1/api-keys/" + reader.get("id").asText(), acme.key())
                        .status())
                .isEqualTo(200);
        String gone = id(api.post("/v1/artifacts", globex.key(), "{\"title\":\"G\",\"content\":\"g\"}"));
        assertThat(api.delete("/v1/artifacts/" + gone, globex.key()).status()).isEqualTo(204);
        List<JsonNode> refusals =
                AuditTrail.awaitTrail(api, acme.key(), "?action=access.denied", items -> items.size() == 1);
        assertThat(refusals).hasSize(1);
        assertThat(refusals.getFirst().at("/actor/keyId").asText())
                .isEqualTo(reader.get("id").asText());
        awaitEveryEventInTheView(tables, List.of(acme, globex));

        List<Map<String, Object>> logBefore = tables.rows(AUDIT_LOG);
        List<Map<String, Object>> headsBefore = tables.rows(AUDIT_TENANT);
        assertThat(logBefore)
                .extracting(r -> r.get("action"))
                .contains(
                        "access.denied",
                        "share_link.created",
                        "share_link.revoked",
                        "api_key.revoked",
                        "artifact.deleted",
                        "tenant.plan_changed");
        assertThat(headsBefore).hasSize(2);
        AuditTrail.assertChain(tables, acme.id(), 1, AuditTrail.GENESIS);
        AuditTrail.assertChain(tables, globex.id(), 1, AuditTrail.GENESIS);
        // Damage the view, so that only a real rebuild can make it equal again.
        tables.execute("UPDATE audit_log SET hash = '" + "f".repeat(64) + "' WHERE tenant_id = '" + acme.id()
                + "' AND sequence = 2");
        tables.execute("DELETE FROM audit_tenant WHERE tenant_id = '" + globex.id() + "'");

        replays.replay(AuditLogProjection.NAME, Duration.ofSeconds(30));

        assertThat(tables.rows(AUDIT_LOG)).containsExactlyElementsOf(logBefore);
        assertThat(tables.rows(AUDIT_TENANT)).containsExactlyElementsOf(headsBefore);
        // And a replayed chain goes on as the live one would have.
        api.createKey(globex.key(), "{\"name\":\"after-replay\"}");
        long globexCount = logBefore.stream()
                .filter(r -> globex.id().equals(r.get("tenant_id")))
                .count();
        AuditTrail.assertChain(tables, globex.id(), 1, AuditTrail.GENESIS);
        assertThat(AuditTrail.chainRows(tables, globex.id())).hasSize((int) globexCount + 1);
    }

    @Test
    void givenTwoTenantsAppendingConcurrentlyFromSeveralThreads_whenReplayed_thenEachChainIsIdentical()
            throws Exception {
        Tables tables = new Tables(dataSource);
        Tenant red = api.signUp("red");
        Tenant blue = api.signUp("blue");
        List<Tenant> tenants = List.of(red, blue);
        // A key per thread that may read but not create: each thread also causes refusals.
        List<String> readers = new ArrayList<>();
        for (Tenant tenant : tenants) {
            readers.add(api.createKey(tenant.key(), "{\"name\":\"reader\",\"scopes\":[\"artifacts:read\"]}")
                    .get("key")
                    .asText());
        }
        int threadsPerTenant = 3;
        int rounds = 6;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < tenants.size(); t++) {
            Tenant tenant = tenants.get(t);
            String reader = readers.get(t);
            for (int n = 0; n < threadsPerTenant; n++) {
                int thread = n;
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        for (int round = 0; round < rounds; round++) {
                            String slug = "p-" + thread + "-" + round + "-"
                                    + UUID.randomUUID().toString().substring(0, 6);
                            assertOk(api.post(
                                    "/v1/projects",
                                    tenant.key(),
                                    "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"));
                            String artifact = id(api.post(
                                    "/v1/artifacts",
                                    tenant.key(),
                                    "{\"project\":\"" + slug + "\",\"title\":\"T\",\"content\":\"" + slug + "\"}"));
                            assertOk(api.post(
                                    "/v1/artifacts/" + artifact + "/versions",
                                    tenant.key(),
                                    "{\"content\":\"v2 of " + slug + "\"}"));
                            assertThat(api.post("/v1/artifacts", reader, "{\"title\":\"no\",\"content\":\"x\"}")
                                            .status())
                                    .isEqualTo(403);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        awaitEveryEventInTheView(tables, tenants);

        for (Tenant tenant : tenants) {
            List<Map<String, Object>> chain = AuditTrail.assertChain(tables, tenant.id(), 1, AuditTrail.GENESIS);
            // 3 signup entries, the reader key, then 4 entries per round per thread.
            assertThat(chain).hasSize(4 + threadsPerTenant * rounds * 4);
            List<Long> positions = chain.stream()
                    .map(r -> ((Number) r.get("global_index")).longValue())
                    .toList();
            assertThat(positions).as("chain order is event stream order").isSorted();
            assertThat(all(api, tenant.key(), "?action=access.denied")).hasSize(threadsPerTenant * rounds);
        }
        List<Map<String, Object>> logBefore = tables.rows(AUDIT_LOG);
        List<Map<String, Object>> headsBefore = tables.rows(AUDIT_TENANT);

        replays.replay(AuditLogProjection.NAME, Duration.ofSeconds(60));

        assertThat(tables.rows(AUDIT_TENANT)).containsExactlyElementsOf(headsBefore);
        for (Tenant tenant : tenants) {
            assertThat(tables.rows("SELECT * FROM audit_log WHERE tenant_id = '" + tenant.id() + "' ORDER BY sequence"))
                    .as("chain of " + tenant.name())
                    .containsExactlyElementsOf(logBefore.stream()
                            .filter(r -> tenant.id().equals(r.get("tenant_id")))
                            .sorted(java.util.Comparator.comparingLong(r -> ((Number) r.get("sequence")).longValue()))
                            .toList());
        }
        assertThat(tables.rows(AUDIT_LOG)).containsExactlyElementsOf(logBefore);
    }

    /**
     * Refusals are recorded without anyone waiting for the view: waits until the view holds one
     * entry per stored event of each tenant (so no event was skipped either).
     */
    private static void awaitEveryEventInTheView(Tables tables, List<Tenant> tenants) throws InterruptedException {
        for (Tenant tenant : tenants) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long events;
            long entries;
            do {
                events = count(
                        tables,
                        "SELECT count(*) AS n FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE '%"
                                + tenant.id() + "%'");
                entries = count(tables, "SELECT count(*) AS n FROM audit_log WHERE tenant_id = '" + tenant.id() + "'");
                if (events == entries) {
                    break;
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
            assertThat(entries)
                    .as("audit entries of " + tenant.name() + " = its events")
                    .isEqualTo(events);
        }
    }

    private static long count(Tables tables, String sql) {
        return ((Number) tables.rows(sql).getFirst().get("n")).longValue();
    }

    private static void assertOk(ApiResponse response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static String id(ApiResponse response) {
        assertOk(response);
        return response.json().get("id").asText();
    }
}
