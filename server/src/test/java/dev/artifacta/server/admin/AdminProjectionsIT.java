package dev.artifacta.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.query.projects.ProjectListProjection;
import dev.artifacta.server.processing.rebuild.InPlaceRebuilds;
import dev.artifacta.server.processing.views.ViewProcessors;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AdminProjectionsIT extends ApiTest {

    private static final List<String> STREAMING = List.of(
            "api-key-list",
            "audit-log",
            "project-list",
            "artifact-heads",
            "artifact-versions",
            "share-link-list",
            "agent-list",
            "member-list",
            "comment-list");
    private static final Map<String, List<String>> TABLES = Map.ofEntries(
            Map.entry("api-key-list", List.of("api_key_list")),
            Map.entry("audit-log", List.of("audit_log", "audit_tenant")),
            Map.entry("project-list", List.of("project_list")),
            Map.entry("artifact-heads", List.of("artifact_heads")),
            Map.entry("artifact-versions", List.of("artifact_versions")),
            Map.entry("share-link-list", List.of("share_link_list")),
            Map.entry("agent-list", List.of("agent_list")),
            Map.entry("member-list", List.of("member_list")),
            Map.entry("comment-list", List.of("comment_list")),
            Map.entry(
                    "command-lookups",
                    List.of(
                            "tenant_registry",
                            "credential_registry",
                            "project_registry",
                            "share_link_registry",
                            "agent_registry",
                            "member_registry",
                            "invitation_registry",
                            "comment_registry",
                            "oauth_client_registry")));

    @Inject
    DataSource dataSource;

    @Inject
    Configuration axon;

    @Inject
    InPlaceRebuilds replays;

    @Inject
    ViewProcessors processors;

    private Tables tables;
    private Tenant acme;
    private String ciKeyId;

    @BeforeAll
    void history() {
        tables = new Tables(dataSource);
        acme = api.signUp("acme");
        ciKeyId = api.createKey(acme.key(), "{\"name\":\"CI\",\"description\":\"builds\"}")
                .get("id")
                .asText();
        api.createKey(acme.key(), "{\"name\":\"bot\"}");
        api.post("/v1/projects", acme.key(), "{\"slug\":\"docs\",\"name\":\"Docs\"}");
        String notes = api.post(
                        "/v1/artifacts",
                        acme.key(),
                        "{\"project\":\"docs\",\"title\":\"Notes\",\"content\":\"one\",\"fileName\":\"n.md\"}")
                .json()
                .get("id")
                .asText();
        api.post("/v1/artifacts/" + notes + "/versions", acme.key(), "{\"content\":\"two\"}");
        api.signUp("globex");
    }

    @Test
    void givenCaughtUpViews_whenListed_thenEveryViewIsAtTheHeadOfTheEventStore() {
        JsonNode list = awaitCaughtUp();

        long head = maxGlobalIndex();
        assertThat(head).isPositive();
        assertThat(list.get("head").asLong()).isEqualTo(head);
        List<String> names = new ArrayList<>();
        list.get("items").forEach(item -> names.add(item.get("name").asText()));
        assertThat(names)
                .containsExactly(
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
        for (JsonNode item : list.get("items")) {
            String name = item.get("name").asText();
            boolean streaming = STREAMING.contains(name);
            assertThat(item.get("processor").asText()).as(name).isEqualTo(name);
            assertThat(item.get("kind").asText()).as(name).isEqualTo(streaming ? "streaming" : "in-transaction");
            assertThat(item.get("position").asLong()).as(name).isEqualTo(head);
            assertThat(item.get("head").asLong()).as(name).isEqualTo(head);
            assertThat(item.get("lagEvents").asLong()).as(name).isZero();
            assertThat(item.get("lagSeconds").asDouble()).as(name).isZero();
            assertThat(item.get("state").asText()).as(name).isEqualTo("running");
            assertThat(item.has("error")).as(name).isFalse();
            JsonNode segments = item.get("segments");
            if (streaming) {
                assertThat(segments.size()).as(name).isEqualTo(processors.segments(name));
                for (int i = 0; i < segments.size(); i++) {
                    assertThat(segments.get(i).get("segment").asInt()).as(name).isEqualTo(i);
                    assertThat(segments.get(i).get("owner").asText()).as(name).isNotBlank();
                    assertThat(segments.get(i).get("position").asLong())
                            .as(name)
                            .isEqualTo(head);
                }
            } else {
                assertThat(segments.size()).as(name).isZero();
            }
        }
    }

    @Test
    void givenOneView_whenFetchedByName_thenItIsTheListsItem() {
        JsonNode list = awaitCaughtUp();

        for (JsonNode item : list.get("items")) {
            ApiResponse one = admin("/admin/v1/projections/" + item.get("name").asText());
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json()).isEqualTo(item);
        }
    }

    @Test
    void givenStoppedProcessor_whenMoreEventsAreAppended_thenItIsStoppedAndItsLagGrows() {
        awaitCaughtUp();
        StreamingEventProcessor projectList = axon.eventProcessingConfiguration()
                .eventProcessor(ProjectListProjection.NAME, StreamingEventProcessor.class)
                .orElseThrow();
        projectList.shutDown();
        try {
            JsonNode stopped = admin("/admin/v1/projections/project-list").json();
            long position = stopped.get("position").asLong();
            assertThat(stopped.get("state").asText()).isEqualTo("stopped");
            assertThat(stopped.get("lagEvents").asLong()).isZero();
            // Shutting down releases the claims: the segments stay, owned by nobody.
            assertThat(stopped.get("segments").size()).isEqualTo(processors.segments("project-list"));
            stopped.get("segments").forEach(segment -> {
                assertThat(segment.get("owner").isNull()).isTrue();
                assertThat(segment.get("position").asLong()).isEqualTo(position);
            });

            api.post("/v1/projects", acme.key(), "{\"slug\":\"one\",\"name\":\"One\"}");
            JsonNode behind = admin("/admin/v1/projections/project-list").json();
            long head = maxGlobalIndex();
            assertThat(behind.get("state").asText()).isEqualTo("stopped");
            assertThat(behind.get("position").asLong()).isEqualTo(position);
            assertThat(behind.get("head").asLong()).isEqualTo(head);
            assertThat(behind.get("lagEvents").asLong())
                    .isEqualTo(head - position)
                    .isPositive();
            assertThat(behind.get("lagSeconds").asDouble()).isEqualTo(secondsBetween(position, head));

            api.post("/v1/projects", acme.key(), "{\"slug\":\"two\",\"name\":\"Two\"}");
            JsonNode further = admin("/admin/v1/projections/project-list").json();
            long newHead = maxGlobalIndex();
            assertThat(newHead).isGreaterThan(head);
            assertThat(further.get("lagEvents").asLong())
                    .isEqualTo(newHead - position)
                    .isGreaterThan(behind.get("lagEvents").asLong());
            assertThat(further.get("lagSeconds").asDouble()).isEqualTo(secondsBetween(position, newHead));
            assertThat(metric("artifacta_projection_lag_seconds", "project-list"))
                    .isEqualTo(secondsBetween(position, newHead));
            // The other views are not held up by it.
            JsonNode apiKeys = admin("/admin/v1/projections/api-key-list").json();
            assertThat(apiKeys.get("state").asText()).isEqualTo("running");
        } finally {
            projectList.start();
        }
        JsonNode resumed = awaitCaughtUp();
        assertThat(item(resumed, "project-list").get("state").asText()).isEqualTo("running");
        assertThat(metric("artifacta_projection_lag_seconds", "project-list")).isZero();
    }

    @Test
    void givenAHandlerThatFails_whenListed_thenFailedWithTheError_andItRecoversOnceTheCauseIsGone() {
        awaitCaughtUp();
        tables.execute("ALTER TABLE project_list RENAME TO project_list_away");
        JsonNode failed;
        try {
            api.post("/v1/projects", acme.key(), "{\"slug\":\"broken\",\"name\":\"Broken\"}");
            failed = Awaitility.await("the project list fails")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> admin("/admin/v1/projections/project-list").json(),
                            item -> item.get("state").asText().equals("failed"));
            assertThat(api.get("/health", null).status())
                    .as("a view stuck on an event makes the node unhealthy")
                    .isEqualTo(503);
        } finally {
            tables.execute("ALTER TABLE project_list_away RENAME TO project_list");
        }

        long head = maxGlobalIndex();
        assertThat(failed.get("error").asText()).contains("project_list");
        assertThat(failed.get("head").asLong()).isEqualTo(head);
        assertThat(failed.get("position").asLong()).isEqualTo(head - 1);
        assertThat(failed.get("lagEvents").asLong()).isEqualTo(1);
        assertThat(failed.get("lagSeconds").asDouble()).isEqualTo(secondsBetween(head - 1, head));
        JsonNode recovered = awaitCaughtUp();
        assertThat(item(recovered, "project-list").has("error")).isFalse();
        Awaitility.await("healthy again")
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/health", null).status() == 200);
        assertThat(tables.rows("SELECT slug FROM project_list WHERE slug = 'broken'"))
                .hasSize(1);
    }

    @Test
    void givenAView_whenChecksummedTwice_thenTheSameChecksumOverEveryTableInKeyOrder() {
        awaitCaughtUp();

        for (var view : TABLES.entrySet()) {
            ApiResponse first = admin("/admin/v1/projections/" + view.getKey() + "/checksum");
            ApiResponse second = admin("/admin/v1/projections/" + view.getKey() + "/checksum");

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo(first.body());
            JsonNode checksum = first.json();
            assertThat(checksum.get("name").asText()).isEqualTo(view.getKey());
            assertThat(checksum.get("sha256").asText()).matches("[0-9a-f]{64}");
            List<String> tableNames = new ArrayList<>();
            for (JsonNode table : checksum.get("tables")) {
                String name = table.get("table").asText();
                tableNames.add(name);
                assertThat(table.get("rows").asLong())
                        .as(name)
                        .isEqualTo(((Number) tables.rows("SELECT COUNT(*) AS n FROM " + name)
                                        .get(0)
                                        .get("n"))
                                .longValue());
                assertThat(table.get("sha256").asText()).as(name).matches("[0-9a-f]{64}");
            }
            assertThat(tableNames).isEqualTo(view.getValue());
        }
        assertThat(checksum("api-key-list").at("/tables/0/rows").asLong()).isEqualTo(4);
        assertThat(checksum("command-lookups").at("/tables/0/rows").asLong()).isEqualTo(2);
    }

    @Test
    void givenAChangedRow_whenChecksummed_thenItDiffers_andAReplayRestoresTheOriginalChecksum() throws Exception {
        awaitCaughtUp();
        JsonNode original = checksum("api-key-list");

        tables.execute("UPDATE api_key_list SET name = 'tampered' WHERE key_id = '" + ciKeyId + "'");
        JsonNode tampered = checksum("api-key-list");
        assertThat(tampered.at("/tables/0/rows")).isEqualTo(original.at("/tables/0/rows"));
        assertThat(tampered.at("/tables/0/sha256")).isNotEqualTo(original.at("/tables/0/sha256"));
        assertThat(tampered.get("sha256")).isNotEqualTo(original.get("sha256"));

        replays.replay("api-key-list", Duration.ofSeconds(30));
        assertThat(checksum("api-key-list")).isEqualTo(original);

        // NULL and the empty string are different values.
        tables.execute("UPDATE api_key_list SET description = '' WHERE description IS NULL");
        assertThat(checksum("api-key-list").get("sha256")).isNotEqualTo(original.get("sha256"));
        replays.replay("api-key-list", Duration.ofSeconds(30));
        assertThat(checksum("api-key-list")).isEqualTo(original);
    }

    @Test
    void givenIntactViews_whenEachIsReplayedInPlace_thenEveryChecksumIsUnchanged() throws Exception {
        awaitCaughtUp();

        for (String view : STREAMING) {
            JsonNode before = checksum(view);
            replays.replay(view, Duration.ofSeconds(30));
            assertThat(checksum(view)).as(view).isEqualTo(before);
        }
        JsonNode lookups = checksum("command-lookups");
        replays.rebuildCommandLookups();
        assertThat(checksum("command-lookups")).isEqualTo(lookups);
    }

    @Test
    void givenUnknownView_whenFetched_thenNotFoundProblem() {
        for (String path : List.of(
                "/admin/v1/projections/no-such-view",
                "/admin/v1/projections/no-such-view/checksum",
                "/admin/v1/projections/api_key_list/checksum")) {
            ApiResponse missing = admin(path);

            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
            assertThat(missing.json().get("type").asText())
                    .isEqualTo("https://artifacta.dev/problems/projection-not-found");
            assertThat(missing.json().get("instance").asText()).isEqualTo(path);
        }
    }

    @Test
    void givenNoOrWrongToken_whenListingOrChecksumming_thenUnauthenticated() {
        for (String path : List.of(
                "/admin/v1/projections",
                "/admin/v1/projections/api-key-list",
                "/admin/v1/projections/api-key-list/checksum",
                "/admin/v1/projections/no-such-view")) {
            for (String token : List.of("", "wrong", acme.key())) {
                ApiResponse refused = token.isEmpty() ? api.get(path, null) : api.get(path, token);

                assertThat(refused.status()).as(path).isEqualTo(401);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"artifacta-admin\"");
                assertThat(refused.json().get("type").asText())
                        .isEqualTo("https://artifacta.dev/problems/unauthenticated");
                assertThat(refused.body()).doesNotContain("api_key_list").doesNotContain("sha256");
            }
        }
    }

    private JsonNode awaitCaughtUp() {
        return Awaitility.await("every view has caught up")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> admin("/admin/v1/projections").json(), list -> {
                    for (JsonNode item : list.get("items")) {
                        if (item.get("lagEvents").asLong() != 0
                                || !item.get("state").asText().equals("running")
                                || item.get("head").asLong() != maxGlobalIndex()) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private ApiResponse admin(String path) {
        return api.get(path, ADMIN_TOKEN);
    }

    private JsonNode checksum(String view) {
        ApiResponse response = admin("/admin/v1/projections/" + view + "/checksum");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode item(JsonNode list, String name) {
        for (JsonNode item : list.get("items")) {
            if (item.get("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no view " + name + " in " + list);
    }

    private long maxGlobalIndex() {
        return ((Number) tables.rows("SELECT MAX(global_index) AS head FROM domain_event_entry")
                        .get(0)
                        .get("head"))
                .longValue();
    }

    /** Seconds between the last event at or below {@code position} and the event at {@code head}. */
    private double secondsBetween(long position, long head) {
        Instant applied = Instant.parse(tables.rows("SELECT time_stamp FROM domain_event_entry WHERE global_index <= "
                        + position + " ORDER BY global_index DESC LIMIT 1")
                .get(0)
                .get("time_stamp")
                .toString());
        Instant newest =
                Instant.parse(tables.rows("SELECT time_stamp FROM domain_event_entry WHERE global_index = " + head)
                        .get(0)
                        .get("time_stamp")
                        .toString());
        return Duration.between(applied, newest).toMillis() / 1000.0;
    }

    private double metric(String name, String processor) {
        String text = api.send(HttpRequest.GET("/metrics")).body();
        Pattern line = Pattern.compile(
                "^" + Pattern.quote(name) + "\\{[^}]*processor=\"" + Pattern.quote(processor) + "\"[^}]*} (\\S+)$");
        return text.lines()
                .map(line::matcher)
                .filter(Matcher::matches)
                .map(m -> Double.parseDouble(m.group(1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " for " + processor));
    }
}
