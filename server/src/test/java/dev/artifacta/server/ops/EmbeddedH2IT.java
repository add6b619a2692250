package dev.artifacta.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.auditexport.checkpoint.Ed25519Keys;
import dev.artifacta.auditexport.verify.ExportVerifier;
import dev.artifacta.auditexport.verify.Verification;
import dev.artifacta.server.processing.monitoring.ProjectionMonitor;
import dev.artifacta.server.processing.monitoring.ViewChecksums;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The server with no database configured runs on an embedded H2 file: it must boot and serve. */
@MicronautTest(transactional = false)
class EmbeddedH2IT extends ApiTest {

    @Inject
    DataSource dataSource;

    @Inject
    ProjectionCatalog catalog;

    @Inject
    ProjectionMonitor projections;

    @Inject
    ViewChecksums checksums;

    /** The embedded default's settings (application.yml), pointed at a fresh directory. */
    @Override
    public Map<String, String> getProperties() {
        Path directory = freshDirectory();
        return Map.of(
                "datasources.default.url",
                "jdbc:h2:file:" + directory.resolve("artifacta") + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE",
                "datasources.default.username",
                "sa",
                "datasources.default.password",
                "",
                "micronaut.server.port",
                "-1");
    }

    @Test
    void theServerRunsOnH2() throws SQLException {
        try (Connection connection = poolConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
        ApiResponse health = api.get("/health", null);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void givenTheEmbeddedDatabase_whenATenantSignsUpAndManagesKeys_thenEveryStepWorks() {
        Tenant tenant = api.signUp("embedded");
        JsonNode created =
                api.createKey(tenant.key(), "{\"name\":\"CI Pipeline\",\"scopes\":[\"agents:manage\",\"audit:read\"]}");
        String ciKey = created.get("key").asText();
        String ciId = created.get("id").asText();

        ApiResponse whoami = api.get("/v1/whoami", ciKey);
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.json().at("/tenant/id").asText()).isEqualTo(tenant.id());
        assertThat(whoami.json().at("/key/name").asText()).isEqualTo("CI Pipeline");
        assertThat(ids(api.get("/v1/api-keys", tenant.key()))).containsExactlyInAnyOrder(tenant.keyId(), ciId);

        String byCi = api.createKey(ciKey, "{\"name\":\"child\",\"scopes\":[\"audit:read\"]}")
                .get("id")
                .asText();
        ApiResponse revoked = api.delete("/v1/api-keys/" + ciId, tenant.key());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        ApiResponse refused = api.get("/v1/whoami", ciKey);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).contains("revoked");
        assertThat(ids(api.get("/v1/api-keys?status=revoked", tenant.key()))).containsExactly(ciId);

        String defaultProject =
                api.get("/v1/projects", tenant.key()).json().at("/items/0/id").asText();
        assertThat(actions(api.get("/v1/audit-events", tenant.key())))
                .containsExactly(
                        "api_key.revoked " + ciId,
                        "api_key.created " + byCi,
                        "api_key.created " + ciId,
                        "project.created " + defaultProject,
                        "api_key.created " + tenant.keyId(),
                        "tenant.created " + tenant.id());
        assertThat(actions(api.get("/v1/audit-events?keyName=CI%20Pipeline", tenant.key())))
                .containsExactly("api_key.created " + byCi);
        assertThat(actions(api.get("/v1/audit-events?action=api_key.&keyId=" + tenant.keyId(), tenant.key())))
                .containsExactly("api_key.revoked " + ciId, "api_key.created " + ciId);
        assertThat(actions(api.get("/v1/audit-events?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z", tenant.key())))
                .hasSize(6);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page =
                    api.get("/v1/audit-events?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), tenant.key());
            walked.addAll(actions(page));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(actions(api.get("/v1/audit-events", tenant.key())));
    }

    @Test
    void givenTheEmbeddedDatabase_whenTheAuditTrailIsExported_thenItVerifiesWithItsTextIntact() throws IOException {
        Tenant tenant = api.signUp("embedded-export");
        String name = "Zoë's ✓ \"CI\" \uD83D\uDE80";
        api.createKey(tenant.key(), "{\"name\":\"" + name.replace("\"", "\\\"") + "\",\"scopes\":[\"audit:read\"]}");

        ApiResponse export = api.get("/v1/audit-events/export", tenant.key());

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        Path file = Files.createTempFile("embedded-export", ".jsonl");
        try {
            Files.writeString(file, export.body());
            JsonNode publicKey =
                    api.get("/v1/audit-events/signing-key", tenant.key()).json();
            Verification verification = new ExportVerifier(
                            Ed25519Keys.publicKey(publicKey.get("publicKey").asText()))
                    .verify(file, ExportVerifier.Format.JSONL, null, null);
            assertThat(verification.ok()).as(verification.summary()).isTrue();
            assertThat(verification.count()).isEqualTo(4);
            assertThat(export.body()).contains("Zoë's ✓ \\\"CI\\\" \uD83D\uDE80");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void givenTheEmbeddedDatabase_anOAuthClientGetsATokenThatAuthenticates_andRevocationHolds() {
        Tenant tenant = api.signUp("embedded-oauth");
        JsonNode client = api.post(
                        "/v1/oauth-clients", tenant.key(), "{\"name\":\"h2 client\",\"scopes\":[\"artifacts:read\"]}")
                .json();
        ApiResponse granted = api.send(HttpRequest.POST("/oauth/token", "grant_type=client_credentials")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .basicAuth(
                        client.get("clientId").asText(),
                        client.get("clientSecret").asText()));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        String token = granted.json().get("access_token").asText();

        assertThat(api.get("/v1/projects", token).status()).isEqualTo(200);
        assertThat(api.send(HttpRequest.POST("/oauth/revoke", "token=" + token)
                                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                                .basicAuth(
                                        client.get("clientId").asText(),
                                        client.get("clientSecret").asText()))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/projects", token).status()).isEqualTo(401);
    }

    @Test
    void givenStoredEvents_whenTheyAreUpdatedOrDeletedOnH2_thenTheDatabaseRefuses() throws SQLException {
        api.signUp("immutable-h2");
        long before = eventCount();
        assertThat(before).isGreaterThanOrEqualTo(2);

        for (String sql :
                List.of("UPDATE domain_event_entry SET payload_type = 'x'", "DELETE FROM domain_event_entry")) {
            try (Connection connection = poolConnection();
                    Statement statement = connection.createStatement()) {
                assertThat(connection.getAutoCommit()).isTrue();
                assertThatThrownBy(() -> statement.execute(sql))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("events are immutable");
            }
            assertThat(eventCount()).as("rows after " + sql).isEqualTo(before);
        }
    }

    @Test
    void givenStoredEvents_whenTheTableIsTruncatedOnH2_thenTheDatabaseRefuses() throws SQLException {
        api.signUp("truncate-h2");
        long before = eventCount();

        try (Connection connection = poolConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("TRUNCATE TABLE domain_event_entry"))
                    .isInstanceOf(SQLException.class);
        }

        // H2 fires no trigger on TRUNCATE (PostgreSQL's V5 has a statement trigger for it).
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void givenTheEmbeddedDatabase_whenViewsAreMeasuredAndChecksummed_thenTokensAndKeysAreReadAsOnPostgres()
            throws SQLException {
        api.signUp("measured-h2");

        Awaitility.await("every view has caught up")
                .atMost(Duration.ofSeconds(30))
                .until(() -> projections.all().items().stream().allMatch(s -> s.lagEvents() == 0));
        ProjectionMonitor.Overview overview = projections.all();
        assertThat(overview.head()).isEqualTo(maxGlobalIndex());
        assertThat(overview.items()).hasSize(catalog.all().size()).allSatisfy(status -> {
            assertThat(status.position()).isEqualTo(overview.head());
            assertThat(status.state()).isEqualTo(ProjectionMonitor.RUNNING);
        });
        for (ProjectionCatalog.Projection view : catalog.all()) {
            ViewChecksums.Checksum checksum = checksums.of(view);
            assertThat(checksum).isEqualTo(checksums.of(view));
            for (ViewChecksums.TableChecksum table : checksum.tables()) {
                assertThat(table.rows()).as(table.table()).isEqualTo(rowCount(table.table()));
            }
        }
        assertThat(checksums
                        .of(catalog.find("api-key-list").orElseThrow())
                        .tables()
                        .getFirst()
                        .rows())
                .isPositive();
    }

    private long maxGlobalIndex() throws SQLException {
        try (Connection connection = poolConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(global_index) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long rowCount(String table) throws SQLException {
        try (Connection connection = poolConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long eventCount() throws SQLException {
        try (Connection connection = poolConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection poolConnection() throws SQLException {
        return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private static List<String> ids(ApiResponse list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(item -> item.get("id").asText())
                .toList();
    }

    private static List<String> actions(ApiResponse page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return StreamSupport.stream(page.json().get("items").spliterator(), false)
                .map(e -> e.get("action").asText() + " " + e.at("/resource/id").asText())
                .toList();
    }

    /**
     * A new directory for the database files, removed when the JVM exits: by then the application
     * context (and with it H2, which DB_CLOSE_ON_EXIT=FALSE leaves to the pool) has shut down.
     */
    private static Path freshDirectory() {
        try {
            Path directory = Files.createTempDirectory("artifacta-h2-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temporary directory harms nothing.
        }
    }
}
