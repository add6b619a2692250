package dev.artifacta.server.processing.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ArtifactVersionAppended;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes under concurrent writers of several tenants: whatever order their transactions
 * commit in, a client that was answered 201 can use what it created at once. Before the barrier
 * waited for each request's own events, a transaction that took an earlier position but committed
 * later was answered before the views had it (about one append in 900 then answered 404).
 */
@MicronautTest(transactional = false)
class ReadYourWritesIT extends ApiTest {

    private static final int WRITERS = 8;
    private static final int ROUNDS = 40;

    @Inject
    ViewProgress progress;

    @Inject
    ProjectionCatalog catalog;

    @Inject
    ReadModelBarrier barrier;

    @Test
    void givenAnAppendedVersion_whenItsWriteWaits_thenOnlyTheViewsWithAHandlerForItAreWaitedFor() {
        List<String> waited = barrier.viewsShowing(Set.of(ArtifactVersionAppended.class));

        assertThat(waited)
                .containsExactlyInAnyOrder("audit-log", "artifact-heads", "artifact-versions")
                .isSubsetOf(catalog.streamingProcessors());
    }

    @Test
    void givenACreatedKey_whenItsWriteWaits_thenTheKeyListAndTheAuditViewAreWaitedFor_notTheArtifactViews() {
        List<String> waited = barrier.viewsShowing(Set.of(ApiKeyCreated.class));

        assertThat(waited).contains("api-key-list", "audit-log").doesNotContain("artifact-heads", "artifact-versions");
    }

    @Test
    void givenAWrite_thenEveryViewProcessorReportsItsMove_soTheWaitIsWokenRatherThanTimed() {
        Tenant tenant = api.signUp("moves");
        List<String> processors = catalog.streamingProcessors();
        List<Long> before = processors.stream().map(progress::count).toList();

        ApiResponse created = api.post("/v1/api-keys", tenant.key(), "{\"name\":\"moved\"}");

        assertThat(created.status()).isEqualTo(201);
        for (int i = 0; i < processors.size(); i++) {
            assertThat(progress.count(processors.get(i)))
                    .as("moves reported by %s", processors.get(i))
                    .isGreaterThan(before.get(i));
        }
    }

    @Test
    void givenWritersOfSeveralTenants_whenEachCreatesThenAppendsAtOnce_thenNoAppendMissesItsArtifact()
            throws Exception {
        var tenants = new ArrayList<Tenant>();
        for (int i = 0; i < WRITERS; i++) {
            tenants.add(api.signUp("ryw"));
        }
        var pool = Executors.newFixedThreadPool(WRITERS);
        var writers = new ArrayList<Callable<List<String>>>();
        for (int w = 0; w < WRITERS; w++) {
            Tenant tenant = tenants.get(w % tenants.size());
            int writer = w;
            writers.add(() -> {
                var misses = new ArrayList<String>();
                for (int round = 0; round < ROUNDS; round++) {
                    ApiResponse created = api.post(
                            "/v1/artifacts",
                            tenant.key(),
                            "{\"title\":\"w" + writer + "-r" + round + "\",\"content\":\"# 1\"}");
                    if (created.status() != 201) {
                        misses.add("create " + created);
                        continue;
                    }
                    String id = created.json().get("id").asText();
                    ApiResponse appended =
                            api.post("/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"# 2\"}");
                    if (appended.status() != 201) {
                        misses.add("append right after a 201 create: " + appended);
                    }
                }
                return misses;
            });
        }

        var misses = new ArrayList<String>();
        for (Future<List<String>> result : pool.invokeAll(writers)) {
            misses.addAll(result.get());
        }
        pool.shutdown();

        assertThat(misses)
                .as("of " + WRITERS * ROUNDS + " create-then-append pairs")
                .isEmpty();
    }
}
