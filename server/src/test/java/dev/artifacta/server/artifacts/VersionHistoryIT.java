package dev.artifacta.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.MovableClock;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Version history per plan (Free 30 days, Pro 365). Each test ages only what it creates itself, by
 * moving the server's clock forward, so the tests do not depend on their order.
 */
@MicronautTest(transactional = false)
class VersionHistoryIT extends ApiTest {

    @Inject
    MovableClock clock;

    @Inject
    DataSource dataSource;

    private Tables tables;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.test.movable-clock", "true");
    }

    @BeforeAll
    void tables() {
        tables = new Tables(dataSource);
    }

    @Test
    void givenFreePlan_whenVersionsAreOlderThanThirtyDays_thenOnlyTheHeadIsListedOrReadable() {
        Tenant tenant = api.signUp("free");
        String id = create(tenant, "one");
        append(tenant, id, "two");
        clock.advance(Duration.ofDays(31));
        append(tenant, id, "three");

        assertThat(versionNumbers(tenant, id)).containsExactly(3L);
        for (String path :
                List.of("/content?version=1", "/content?version=2", "/diff?from=1&to=3", "/diff?from=3&to=2")) {
            ApiResponse response = api.get("/v1/artifacts/" + id + path, tenant.key());
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get("type").asText()).as(path).endsWith("/version-not-found");
        }
        ApiResponse restore = api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":1}");
        assertThat(restore.status()).isEqualTo(404);
        assertThat(restore.json().get("type").asText()).endsWith("/version-not-found");
        assertThat(api.get("/v1/artifacts/" + id + "/content", tenant.key()).body())
                .isEqualTo("three");
        assertThat(api.get("/v1/artifacts/" + id + "/content?version=3", tenant.key())
                        .status())
                .isEqualTo(200);
        assertThat(versionNumbers(tenant, id)).containsExactly(3L);
        // The history is hidden, not erased.
        assertThat(eventsOf(id)).isEqualTo(3);
    }

    @Test
    void givenVersionsHiddenOnFree_whenTheTenantMovesToPro_thenTheyAreReadableAgain() {
        Tenant tenant = api.signUp("upgrade");
        String id = create(tenant, "one");
        append(tenant, id, "two");
        clock.advance(Duration.ofDays(31));
        append(tenant, id, "three");
        assertThat(versionNumbers(tenant, id)).containsExactly(3L);

        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);

        assertThat(versionNumbers(tenant, id)).containsExactly(3L, 2L, 1L);
        assertThat(api.get("/v1/artifacts/" + id + "/content?version=1", tenant.key())
                        .body())
                .isEqualTo("one");
        assertThat(api.get("/v1/artifacts/" + id + "/content?version=2", tenant.key())
                        .body())
                .isEqualTo("two");
        ApiResponse diff = api.get("/v1/artifacts/" + id + "/diff?from=1&to=3", tenant.key());
        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.json().get("unified").asText()).contains("-one", "+three");
        ApiResponse restored = api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":1}");
        assertThat(restored.status()).isEqualTo(201);
        assertThat(restored.json().get("version").asLong()).isEqualTo(4);
        assertThat(restored.json().get("restoredFrom").asLong()).isEqualTo(1);
        assertThat(api.get("/v1/artifacts/" + id + "/content", tenant.key()).body())
                .isEqualTo("one");
    }

    @Test
    void givenFreePlan_whenAVersionIsTwentyNineDaysOld_thenItIsStillReadable_untilItPassesThirty() {
        Tenant tenant = api.signUp("window");
        String id = create(tenant, "old");
        clock.advance(Duration.ofDays(29));
        append(tenant, id, "new");

        assertThat(versionNumbers(tenant, id)).containsExactly(2L, 1L);
        assertThat(api.get("/v1/artifacts/" + id + "/content?version=1", tenant.key())
                        .body())
                .isEqualTo("old");

        clock.advance(Duration.ofDays(2));

        assertThat(versionNumbers(tenant, id)).containsExactly(2L);
        assertThat(api.get("/v1/artifacts/" + id + "/content?version=1", tenant.key())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void givenOnlyAnOldHead_whenTheWindowHasPassed_thenTheHeadIsStillListedAndReadable() {
        Tenant tenant = api.signUp("oldhead");
        String id = create(tenant, "lonely");

        clock.advance(Duration.ofDays(400));

        assertThat(versionNumbers(tenant, id)).containsExactly(1L);
        assertThat(api.get("/v1/artifacts/" + id + "/content?version=1", tenant.key())
                        .body())
                .isEqualTo("lonely");
        assertThat(api.get("/v1/artifacts/" + id + "/diff?from=1&to=1", tenant.key())
                        .json()
                        .get("identical")
                        .asBoolean())
                .isTrue();
        ApiResponse restore = api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":1}");
        assertThat(restore.status()).isEqualTo(422);
        assertThat(restore.json().get("type").asText()).endsWith("/restore-of-head");
    }

    @Test
    void givenProPlan_whenVersionsAreOlderThan365Days_thenTheyAreHiddenToo() {
        Tenant tenant = api.signUp("pro");
        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        String id = create(tenant, "one");
        append(tenant, id, "two");
        clock.advance(Duration.ofDays(200));
        append(tenant, id, "three");
        assertThat(versionNumbers(tenant, id)).containsExactly(3L, 2L, 1L);

        clock.advance(Duration.ofDays(166));

        assertThat(versionNumbers(tenant, id)).containsExactly(3L);
        assertThat(api.get("/v1/artifacts/" + id + "/content?version=2", tenant.key())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":2}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void givenHiddenVersions_whenTheListIsPagedOneAtATime_thenOnlyReadableVersionsAreListed_andTheLastPageSaysSo() {
        Tenant tenant = api.signUp("pagedhistory");
        String id = create(tenant, "one");
        append(tenant, id, "two");
        clock.advance(Duration.ofDays(31));
        append(tenant, id, "three");
        append(tenant, id, "four");

        assertThat(pagedVersionNumbers(tenant, id)).containsExactly(4L, 3L);

        clock.advance(Duration.ofDays(400));

        assertThat(pagedVersionNumbers(tenant, id)).containsExactly(4L);
    }

    /** The version numbers, one page of one version at a time, following nextCursor. */
    private List<Long> pagedVersionNumbers(Tenant tenant, String id) {
        var numbers = new java.util.ArrayList<Long>();
        String query = "?limit=1";
        for (int page = 0; page < 10; page++) {
            ApiResponse versions = api.get("/v1/artifacts/" + id + "/versions" + query, tenant.key());
            assertThat(versions.status()).as(versions.body()).isEqualTo(200);
            assertThat(versions.json().get("items").size()).isLessThanOrEqualTo(1);
            versions.json()
                    .get("items")
                    .forEach(v -> numbers.add(v.get("version").asLong()));
            if (versions.json().get("nextCursor").isNull()) {
                return numbers;
            }
            query = "?limit=1&cursor=" + versions.json().get("nextCursor").asText();
        }
        throw new AssertionError("more pages than versions: " + numbers);
    }

    private String create(Tenant tenant, String text) {
        ApiResponse created =
                api.post("/v1/artifacts", tenant.key(), "{\"title\":\"History\",\"content\":\"" + text + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void append(Tenant tenant, String id, String text) {
        ApiResponse appended =
                api.post("/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"" + text + "\"}");
        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
    }

    private List<Long> versionNumbers(Tenant tenant, String id) {
        ApiResponse versions = api.get("/v1/artifacts/" + id + "/versions", tenant.key());
        assertThat(versions.status()).isEqualTo(200);
        return StreamSupport.stream(versions.json().get("items").spliterator(), false)
                .map(v -> v.get("version").asLong())
                .toList();
    }

    private int eventsOf(String artifactId) {
        return tables.rows("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = '" + artifactId
                        + "'")
                .size();
    }
}
