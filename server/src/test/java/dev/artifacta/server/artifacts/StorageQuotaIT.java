package dev.artifacta.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class StorageQuotaIT extends ApiTest {

    private static final long QUOTA = 2_000;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.plans.free.storage-bytes", Long.toString(QUOTA));
    }

    @Test
    void givenSameContentTwice_whenStored_thenItIsCountedOnce() {
        Tenant tenant = api.signUp("dedup");
        String a = "a".repeat(800);

        String first = create(tenant, "First", a);
        create(tenant, "Second, same bytes", a);
        append(tenant, first, a);

        assertThat(storage(tenant, "usedBytes")).isEqualTo(800);
        assertThat(storage(tenant, "limitBytes")).isEqualTo(QUOTA);
    }

    @Test
    void givenQuotaNearlyUsed_whenNewContentWouldPassIt_thenConflict_andNothingIsWritten() {
        Tenant tenant = api.signUp("quota");
        String a = "a".repeat(800);
        String b = "b".repeat(800);
        String id = create(tenant, "A", a);
        append(tenant, id, b);
        assertThat(storage(tenant, "usedBytes")).isEqualTo(1_600);

        ApiResponse created = api.post("/v1/artifacts", tenant.key(), body("C", "c".repeat(800)));
        ApiResponse appended = api.post("/v1/artifacts/" + id + "/versions", tenant.key(), content("d".repeat(401)));

        for (ApiResponse refused : List.of(created, appended)) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText()).endsWith("/storage-quota-exceeded");
            assertThat(refused.json().get("limitBytes").asLong()).isEqualTo(QUOTA);
            assertThat(refused.json().get("usedBytes").asLong()).isEqualTo(1_600);
            assertThat(refused.json().get("detail").asText()).contains("2000");
        }
        assertThat(storage(tenant, "usedBytes")).isEqualTo(1_600);
        assertThat(ids(api.get("/v1/artifacts?project=default", tenant.key()))).containsExactly(id);
        assertThat(versions(tenant, id)).isEqualTo(2);

        // Exactly up to the quota still fits, and content already stored costs nothing more.
        append(tenant, id, "e".repeat(400));
        append(tenant, id, a);
        assertThat(api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":2}")
                        .status())
                .isEqualTo(201);
        assertThat(storage(tenant, "usedBytes")).isEqualTo(QUOTA);
        assertThat(versions(tenant, id)).isEqualTo(5);
    }

    @Test
    void givenRoomForSix_whenTwelveNewContentsArriveAtOnce_thenSixAreStored_andTheRestRefused() throws Exception {
        Tenant tenant = api.signUp("race");
        List<String> artifacts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            artifacts.add(create(tenant, "Artifact " + i, "x")); // the same byte each time: 1 byte used
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 12; i++) {
                String id = artifacts.get(i);
                String text = Character.toString('a' + i).repeat(300);
                answers.add(clients.submit(() -> {
                    start.await();
                    return api.post("/v1/artifacts/" + id + "/versions", tenant.key(), content(text));
                }));
            }
            start.countDown();
        }

        List<Integer> statuses = new ArrayList<>();
        for (Future<ApiResponse> answer : answers) {
            ApiResponse response = answer.get();
            statuses.add(response.status());
            if (response.status() == 409) {
                assertThat(response.json().get("type").asText()).endsWith("/storage-quota-exceeded");
            }
        }
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(6);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(6);
        assertThat(storage(tenant, "usedBytes")).isEqualTo(1 + 6 * 300);
    }

    @Test
    void storageIsCountedPerTenant() {
        Tenant first = api.signUp("first");
        Tenant second = api.signUp("second");
        String shared = "s".repeat(1_500);

        create(first, "Mine", shared);
        create(second, "Mine too", shared);
        create(second, "More", "m".repeat(300));

        assertThat(storage(first, "usedBytes")).isEqualTo(1_500);
        assertThat(storage(second, "usedBytes")).isEqualTo(1_800);
    }

    private String create(Tenant tenant, String title, String text) {
        ApiResponse created = api.post("/v1/artifacts", tenant.key(), body(title, text));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void append(Tenant tenant, String id, String text) {
        ApiResponse appended = api.post("/v1/artifacts/" + id + "/versions", tenant.key(), content(text));
        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
    }

    private long storage(Tenant tenant, String field) {
        ApiResponse whoami = api.get("/v1/whoami", tenant.key());
        assertThat(whoami.status()).isEqualTo(200);
        return whoami.json().at("/usage/storage/" + field).asLong();
    }

    private int versions(Tenant tenant, String id) {
        return api.get("/v1/artifacts/" + id + "/versions", tenant.key())
                .json()
                .get("items")
                .size();
    }

    private static String body(String title, String text) {
        return "{\"title\":\"" + title + "\",\"content\":\"" + text + "\"}";
    }

    private static String content(String text) {
        return "{\"content\":\"" + text + "\"}";
    }

    private static List<String> ids(ApiResponse list) {
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(item -> item.get("id").asText())
                .toList();
    }
}
