package dev.artifacta.server.processing.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding views through {@code POST /admin/v1/projections/{name}/rebuild}: into a copy while
 * the live view keeps serving, switched over atomically, equal to a fresh replay, and harmless when
 * it fails.
 */
@MicronautTest(transactional = false)
class ViewRebuildIT extends ApiTest {

    private static final List<String> VIEWS = List.of(
            "api-key-list",
            "audit-log",
            "project-list",
            "artifact-heads",
            "artifact-versions",
            "share-link-list",
            "agent-list",
            "member-list",
            "comment-list",
            "command-lookups");
    private static final Duration REBUILD_TIMEOUT = Duration.ofSeconds(90);

    @Inject
    DataSource dataSource;

    private Tables tables;
    private Tenant acme;
    private String notes;

    @Override
    protected Map<String, String> extraProperties() {
        // A single batch per transaction keeps the copy's processor busy long enough to be caught mid-way.
        return Map.of("artifacta.processors.batch-size", "20");
    }

    @BeforeAll
    void history() {
        tables = new Tables(dataSource);
        acme = api.signUp("acme");
        assertThat(api.put("/admin/v1/tenants/" + acme.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        api.createKey(acme.key(), "{\"name\":\"CI Pipeline\",\"description\":\"builds\"}");
        String bot = api.createKey(acme.key(), "{\"name\":\"bot\"}").get("id").asText();
        api.patch("/v1/api-keys/" + bot, acme.key(), "{\"name\":\"old bot\"}");
        api.delete("/v1/api-keys/" + bot, acme.key());
        api.post("/v1/projects", acme.key(), "{\"slug\":\"docs\",\"name\":\"Docs\"}");
        notes = api.post(
                        "/v1/artifacts",
                        acme.key(),
                        "{\"project\":\"docs\",\"title\":\"Notes\",\"content\":\"one\",\"fileName\":\"n.md\"}")
                .json()
                .get("id")
                .asText();
        for (int i = 2; i <= 30; i++) {
            api.post("/v1/artifacts/" + notes + "/versions", acme.key(), "{\"content\":\"v" + i + "\"}");
        }
        api.post("/v1/artifacts/" + notes + "/share-links", acme.key(), "{\"role\":\"viewer\"}");
        Tenant globex = api.signUp("globex");
        api.createKey(globex.key(), "{\"name\":\"CI Pipeline\"}");
        awaitCaughtUp();
    }

    @Test
    void givenAQuietStore_whenEveryViewIsRebuilt_thenEveryChecksumIsUnchangedAndNoCopyIsLeft() {
        Map<String, String> before = checksums();
        List<Map<String, Object>> keysAndIndexes = keysAndIndexes();

        ApiResponse started = admin("POST", "/admin/v1/projections/all/rebuild");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/admin/v1/projections");
        List<String> names = new ArrayList<>();
        started.json().get("items").forEach(item -> names.add(item.get("view").asText()));
        assertThat(names).containsExactlyElementsOf(VIEWS);
        awaitRebuilt(VIEWS);
        assertThat(checksums()).isEqualTo(before);
        assertThat(leftoverSchemas()).isEmpty();
        // Also those of the tables a load fills without them (the audit log's).
        assertThat(keysAndIndexes()).isEqualTo(keysAndIndexes);
        JsonNode keyList = admin("GET", "/admin/v1/projections/api-key-list").json();
        assertThat(keyList.get("state").asText()).isEqualTo("running");
        assertThat(keyList.at("/rebuild/method").asText()).isEqualTo("copy");
        assertThat(keyList.at("/rebuild/eventsDone").asLong())
                .isEqualTo(keyList.get("head").asLong());
        assertThat(admin("GET", "/admin/v1/projections/command-lookups")
                        .json()
                        .at("/rebuild/method")
                        .asText())
                .isEqualTo("in-place");
    }

    @Test
    void
            givenWritesAndReadsKeepArriving_whenEveryViewIsRebuilt_thenReadersNeverSeeAHalfBuiltViewAndTheResultEqualsAFreshReplay()
                    throws Exception {
        int versionsBefore = versionCount();
        int keysBefore = keyCount();
        long newestEntryBefore = newestAuditSequence();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger appended = new AtomicInteger();
        var anomalies = new ConcurrentLinkedQueue<String>();
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> workers = new ArrayList<>();
        long loadDeadline = System.nanoTime() + REBUILD_TIMEOUT.toNanos();
        workers.add(load.submit(() -> {
            while (!stop.get() && System.nanoTime() < loadDeadline) {
                int status = api.post(
                                "/v1/artifacts/" + notes + "/versions",
                                acme.key(),
                                "{\"content\":\"during " + appended.get() + "\"}")
                        .status();
                if (status == 201) {
                    appended.incrementAndGet();
                } else {
                    anomalies.add("append answered " + status);
                }
            }
        }));
        workers.add(load.submit(() -> {
            int seen = versionsBefore;
            while (!stop.get() && System.nanoTime() < loadDeadline) {
                int now = versionCount();
                if (now < seen) {
                    anomalies.add("the versions view went from " + seen + " to " + now + " rows");
                }
                seen = Math.max(seen, now);
                int keys = keyCount();
                if (keys < keysBefore) {
                    anomalies.add("the key list showed " + keys + " of " + keysBefore + " keys");
                }
            }
        }));
        workers.add(load.submit(() -> {
            long seen = newestEntryBefore;
            while (!stop.get() && System.nanoTime() < loadDeadline) {
                long now = newestAuditSequence();
                if (now < seen) {
                    anomalies.add("the newest audit entry went from sequence " + seen + " to " + now);
                }
                seen = Math.max(seen, now);
            }
        }));

        try {
            assertThat(admin("POST", "/admin/v1/projections/all/rebuild").status())
                    .isEqualTo(202);
            awaitRebuilt(VIEWS);
        } finally {
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
            load.shutdownNow();
        }

        assertThat(anomalies).isEmpty();
        assertThat(appended.get()).as("appends while rebuilding").isPositive();
        awaitCaughtUp();
        assertThat(versionCount()).isEqualTo(versionsBefore + appended.get());
        Map<String, String> rebuiltUnderLoad = checksums();
        assertThat(admin("POST", "/admin/v1/projections/all/rebuild").status()).isEqualTo(202);
        awaitRebuilt(VIEWS);
        assertThat(checksums()).as("a second, quiet rebuild").isEqualTo(rebuiltUnderLoad);
    }

    @Test
    void givenAHandlerThatFailsOnTheCopy_whenTheViewIsRebuilt_thenTheRebuildFailsAndTheLiveViewIsUntouched() {
        api.post("/v1/projects", acme.key(), "{\"slug\":\"poison\",\"name\":\"Poison\"}");
        awaitCaughtUp();
        // Rows already in the live table are not checked; the copy (which copies the constraint) refuses this one.
        tables.execute("ALTER TABLE project_list ADD CONSTRAINT ck_no_poison CHECK (slug <> 'poison') NOT VALID");
        try {
            String before = checksum("project-list");

            assertThat(admin("POST", "/admin/v1/projections/project-list/rebuild")
                            .status())
                    .isEqualTo(202);
            JsonNode failed = awaitFinished("project-list");

            assertThat(failed.at("/rebuild/status").asText()).isEqualTo("failed");
            assertThat(failed.at("/rebuild/error").asText()).contains("ck_no_poison");
            assertThat(failed.get("state").asText()).isEqualTo("running");
            assertThat(checksum("project-list")).isEqualTo(before);
            assertThat(api.get("/v1/projects", acme.key()).body()).contains("\"poison\"");
            assertThat(leftoverSchemas()).isEmpty();
        } finally {
            tables.execute("ALTER TABLE project_list DROP CONSTRAINT ck_no_poison");
        }
    }

    @Test
    void givenARebuildRunning_whenTheSameViewIsAskedAgain_thenConflict() {
        assertThat(admin("POST", "/admin/v1/projections/audit-log/rebuild").status())
                .isEqualTo(202);

        ApiResponse again = admin("POST", "/admin/v1/projections/all/rebuild");
        ApiResponse readiness = api.get("/health/readiness", null);

        assertThat(readiness.status())
                .as("a node rebuilding a view still serves: " + readiness.body())
                .isEqualTo(200);

        // The first rebuild may already have finished on a fast machine; then the second one runs.
        if (again.status() == 409) {
            assertThat(again.contentType()).startsWith("application/problem+json");
            assertThat(again.json().get("type").asText()).endsWith("rebuild-in-progress");
            awaitRebuilt(List.of("audit-log"));
        } else {
            assertThat(again.status()).isEqualTo(202);
            awaitRebuilt(VIEWS);
        }
    }

    @Test
    void givenAnUnknownView_whenRebuilt_thenNotFound() {
        ApiResponse response = admin("POST", "/admin/v1/projections/no-such-view/rebuild");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asText()).endsWith("projection-not-found");
    }

    @Test
    void givenATenantKey_whenItAsksForARebuild_thenItIsNotTheAdminToken() {
        ApiResponse response = api.post("/admin/v1/projections/all/rebuild", acme.key(), "");

        assertThat(response.status()).isIn(401, 404);
    }

    private ApiResponse admin(String method, String path) {
        return switch (method) {
            case "POST" -> api.post(path, ADMIN_TOKEN, "");
            case "GET" -> api.get(path, ADMIN_TOKEN);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private Map<String, String> checksums() {
        var sums = new LinkedHashMap<String, String>();
        for (String view : VIEWS) {
            sums.put(view, checksum(view));
        }
        return sums;
    }

    private String checksum(String view) {
        return admin("GET", "/admin/v1/projections/" + view + "/checksum")
                .json()
                .get("sha256")
                .asText();
    }

    /** Waits until every named view's latest rebuild has completed (fails on a failed one). */
    private void awaitRebuilt(List<String> views) {
        for (String view : views) {
            JsonNode status = awaitFinished(view);
            assertThat(status.at("/rebuild/status").asText())
                    .as(view + ": " + status.at("/rebuild/error").asText())
                    .isEqualTo("completed");
        }
    }

    private JsonNode awaitFinished(String view) {
        long deadline = System.nanoTime() + REBUILD_TIMEOUT.toNanos();
        while (true) {
            JsonNode status = admin("GET", "/admin/v1/projections/" + view).json();
            String outcome = status.at("/rebuild/status").asText();
            if (outcome.equals("completed") || outcome.equals("failed")) {
                return status;
            }
            assertThat(status.get("state").asText()).as(view).isEqualTo("rebuilding");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The rebuild of " + view + " did not finish: " + status);
            }
            sleep(50);
        }
    }

    private void awaitCaughtUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode list = admin("GET", "/admin/v1/projections").json();
            boolean caughtUp = true;
            for (JsonNode item : list.get("items")) {
                caughtUp &= item.get("lagEvents").asLong() == 0
                        && item.get("state").asText().equals("running");
            }
            if (caughtUp) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The views did not catch up: " + list);
            }
            sleep(50);
        }
    }

    /** Every version, page after page (versions appended meanwhile are newer than the cursor: the count never shrinks). */
    private int versionCount() {
        int count = 0;
        String cursor = null;
        do {
            ApiResponse response = api.get(
                    "/v1/artifacts/" + notes + "/versions?limit=200" + (cursor == null ? "" : "&cursor=" + cursor),
                    acme.key());
            assertThat(response.status()).isEqualTo(200);
            count += count(response.json());
            cursor = response.json().path("nextCursor").isTextual()
                    ? response.json().get("nextCursor").asText()
                    : null;
        } while (cursor != null);
        return count;
    }

    private int keyCount() {
        ApiResponse response = api.get("/v1/api-keys", acme.key());
        assertThat(response.status()).isEqualTo(200);
        return count(response.json());
    }

    private long newestAuditSequence() {
        ApiResponse response = api.get("/v1/audit-events?limit=1", acme.key());
        assertThat(response.status()).isEqualTo(200);
        return response.json().at("/items/0/sequence").asLong();
    }

    private static int count(JsonNode page) {
        JsonNode items = page.has("items") ? page.get("items") : page;
        return items.size();
    }

    /** Every key, constraint and index of the live schema's tables, with its definition. */
    private List<Map<String, Object>> keysAndIndexes() {
        return tables.rows("SELECT tablename AS on_table, indexname AS name, indexdef AS definition FROM pg_indexes"
                + " WHERE schemaname = current_schema()"
                + " UNION ALL SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2, 3");
    }

    private List<Map<String, Object>> leftoverSchemas() {
        return tables.rows("SELECT schema_name FROM information_schema.schemata"
                + " WHERE schema_name LIKE 'rebuild\\_%' OR schema_name LIKE 'retired\\_%'");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
