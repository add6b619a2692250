package dev.artifacta.server.processing.rebuild;

import static dev.artifacta.server.testing.ApiTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import dev.artifacta.server.processing.views.ProjectionCatalog.Projection;
import dev.artifacta.server.testing.Api;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that finds views without token rows over a store that holds events builds each of them
 * by a rebuild into a copy (read once, indexes at the end), then lets its processor go on from the
 * copy's token; the views come out as they were, and writes are answered meanwhile (without
 * waiting for views that show nothing yet). A server that finds views with token rows keeps their
 * segments, whatever its own setting.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ColdStartIT {

    private static final Duration CAUGHT_UP_TIMEOUT = Duration.ofSeconds(90);

    private final Map<String, String> properties = ApiTest.serverProperties();
    private EmbeddedServer server;
    private HttpClient client;
    private Api api;

    @AfterEach
    void stop() {
        stopServer();
    }

    @Test
    void givenViewsWithoutTokensOverAStoreWithEvents_whenTheServerStarts_thenACopyBuildsEachAndTheyComeOutAsBefore()
            throws Exception {
        start(Map.of());
        Tenant acme = api.signUp("acme");
        api.createKey(acme.key(), "{\"name\":\"CI Pipeline\"}");
        api.post("/v1/projects", acme.key(), "{\"slug\":\"docs\",\"name\":\"Docs\"}");
        String notes = api.post(
                        "/v1/artifacts",
                        acme.key(),
                        "{\"project\":\"docs\",\"title\":\"Notes\",\"content\":\"one\",\"fileName\":\"n.md\"}")
                .json()
                .get("id")
                .asText();
        for (int i = 2; i <= 10; i++) {
            assertThat(api.post("/v1/artifacts/" + notes + "/versions", acme.key(), "{\"content\":\"v" + i + "\"}")
                            .status())
                    .isEqualTo(201);
        }
        api.post("/v1/artifacts/" + notes + "/share-links", acme.key(), "{\"role\":\"viewer\"}");
        Tenant globex = api.signUp("globex");
        api.createKey(globex.key(), "{\"name\":\"CI Pipeline\"}");
        awaitCaughtUp();
        List<Projection> streaming =
                server.getApplicationContext().getBean(ProjectionCatalog.class).streaming();
        Map<String, String> before = checksums(streaming);
        stopServer();
        forgetTheViews(streaming);

        start(Map.of("artifacta.processors.cold-start-copy-from", "1"));
        ApiResponse created = api.post("/v1/api-keys", acme.key(), "{\"name\":\"created while cold\"}");

        assertThat(created.status()).isEqualTo(201);
        awaitCaughtUp();
        for (Projection view : streaming) {
            JsonNode status = admin("/admin/v1/projections/" + view.name());
            assertThat(status.at("/rebuild/method").asText()).as(view.name()).isEqualTo("copy");
            assertThat(status.at("/rebuild/status").asText()).as(view.name()).isEqualTo("completed");
            // As many segments as artifacta.processors.segments (1) makes.
            assertThat(status.get("segments")).as(view.name()).hasSize(1);
        }
        assertThat(api.get("/v1/artifacts/" + notes + "/versions?limit=50", acme.key())
                        .json()
                        .get("items"))
                .hasSize(10);
        assertThat(api.get("/v1/api-keys", acme.key()).json().get("items")).hasSize(3);
        assertThat(api.get("/v1/audit-events?action=api_key.created&limit=50", acme.key())
                        .json()
                        .get("items"))
                .hasSize(3);
        // The views as before, but for the key created while they started cold.
        Map<String, String> after = checksums(streaming);
        after.remove("api-key-list");
        after.remove("audit-log");
        before.keySet().retainAll(after.keySet());
        assertThat(after).hasSize(streaming.size() - 2).isEqualTo(before);
        assertThat(leftoverSchemas()).isZero();
    }

    @Test
    void givenTheSettingAtZero_whenTheServerStartsWithoutTokens_thenTheProcessorsReplayAndNoCopyIsMade()
            throws Exception {
        start(Map.of());
        Tenant acme = api.signUp("acme");
        api.createKey(acme.key(), "{\"name\":\"CI Pipeline\"}");
        awaitCaughtUp();
        List<Projection> streaming =
                server.getApplicationContext().getBean(ProjectionCatalog.class).streaming();
        Map<String, String> before = checksums(streaming);
        stopServer();
        forgetTheViews(streaming);

        start(Map.of("artifacta.processors.cold-start-copy-from", "0"));

        awaitCaughtUp();
        assertThat(admin("/admin/v1/projections/audit-log").has("rebuild")).isFalse();
        assertThat(checksums(streaming)).isEqualTo(before);
    }

    @Test
    void givenViewsMadeWithTwoSegments_whenTheServerStartsWithTheDefaultOfOne_thenItProcessesBothSegments()
            throws Exception {
        start(Map.of("artifacta.processors.segments", "2"));
        api.signUp("acme");
        awaitCaughtUp();
        List<Projection> streaming =
                server.getApplicationContext().getBean(ProjectionCatalog.class).streaming();
        stopServer();

        start(Map.of());
        // Tenants spread over both segments of the audit view, which sequences by tenant.
        List<Tenant> tenants = new ArrayList<>();
        for (String name : List.of("globex", "initech", "umbrella", "hooli")) {
            Tenant tenant = api.signUp(name);
            api.createKey(tenant.key(), "{\"name\":\"CI Pipeline\"}");
            tenants.add(tenant);
        }

        awaitCaughtUp();
        for (Projection view : streaming) {
            JsonNode segments = admin("/admin/v1/projections/" + view.name()).get("segments");
            assertThat(segments).as(view.name()).hasSize(2);
            segments.forEach(segment ->
                    assertThat(segment.get("owner").asText()).as(view.name()).isNotBlank());
        }
        for (Tenant tenant : tenants) {
            assertThat(api.get("/v1/audit-events?action=api_key.created&limit=50", tenant.key())
                            .json()
                            .get("items"))
                    .as("the key made at sign-up and the one made after")
                    .hasSize(2);
        }
    }

    private void start(Map<String, String> extra) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, all, "test");
        client = HttpClient.create(server.getURL());
        api = new Api(client);
    }

    private void stopServer() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** With the server stopped: every streaming view's token rows deleted and its tables emptied. */
    private void forgetTheViews(List<Projection> streaming) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (Projection view : streaming) {
                statement.execute("DELETE FROM token_entry WHERE processor_name = '" + view.processor() + "'");
                statement.execute("TRUNCATE " + String.join(", ", view.tables()));
            }
            connection.commit();
        }
    }

    private long leftoverSchemas() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.schemata"
                        + " WHERE schema_name LIKE 'rebuild\\_%' OR schema_name LIKE 'retired\\_%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                properties.get("datasources.default.url"),
                properties.get("datasources.default.username"),
                properties.get("datasources.default.password"));
    }

    private Map<String, String> checksums(List<Projection> streaming) {
        var sums = new LinkedHashMap<String, String>();
        for (Projection view : streaming) {
            sums.put(
                    view.name(),
                    admin("/admin/v1/projections/" + view.name() + "/checksum")
                            .get("sha256")
                            .asText());
        }
        return sums;
    }

    private JsonNode admin(String path) {
        ApiResponse response = api.get(path, ADMIN_TOKEN);
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.json();
    }

    private void awaitCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + CAUGHT_UP_TIMEOUT.toNanos();
        while (true) {
            JsonNode list = admin("/admin/v1/projections");
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
            Thread.sleep(50);
        }
    }
}
