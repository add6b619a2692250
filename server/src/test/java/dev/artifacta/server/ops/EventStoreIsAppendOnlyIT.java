package dev.artifacta.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class EventStoreIsAppendOnlyIT extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Value("${artifacta.database.migration-user}")
    String ownerUser;

    @Value("${artifacta.database.migration-password}")
    String ownerPassword;

    /** Behind the server's missing privileges, the trigger stops even the table's owner. */
    @Test
    void givenStoredEvents_whenTheOwnerUpdatesDeletesOrTruncatesThem_thenTheTriggerRefuses() throws Exception {
        api.signUp("immutable");
        long before = eventCount();
        assertThat(before).isGreaterThanOrEqualTo(2);

        for (String sql : List.of(
                "UPDATE domain_event_entry SET payload_type = 'x'",
                "DELETE FROM domain_event_entry",
                "TRUNCATE domain_event_entry")) {
            try (Connection connection = DriverManager.getConnection(databaseUrl, ownerUser, ownerPassword);
                    Statement statement = connection.createStatement()) {
                assertThat(connection.getAutoCommit()).isTrue();
                assertThatThrownBy(() -> statement.execute(sql))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("events are immutable")
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
            assertThat(eventCount()).as("rows after " + sql).isEqualTo(before);
        }
        assertThat(distinct("payload_type")).doesNotContain("x");
    }

    @Test
    void theServersRoleCannotAlterDisableTriggersOnUpdateDeleteOrTruncateTheEventTable() throws Exception {
        api.signUp("restricted");
        long before = eventCount();

        for (String sql : List.of(
                "ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_is_append_only",
                "ALTER TABLE domain_event_entry DISABLE TRIGGER ALL",
                "ALTER TABLE domain_event_entry ADD COLUMN forged TEXT",
                "ALTER TABLE domain_event_entry OWNER TO CURRENT_USER",
                "DROP TRIGGER domain_event_entry_is_append_only ON domain_event_entry",
                "CREATE OR REPLACE FUNCTION forbid_event_changes() RETURNS trigger LANGUAGE plpgsql"
                        + " AS $$ BEGIN RETURN OLD; END; $$",
                "UPDATE domain_event_entry SET payload_type = 'x'",
                "DELETE FROM domain_event_entry",
                "TRUNCATE domain_event_entry",
                "DROP TABLE domain_event_entry",
                // Snapshots are a cache the server may add to and prune, never rewrite.
                "UPDATE snapshot_event_entry SET payload_type = 'x'",
                "TRUNCATE snapshot_event_entry",
                "ALTER TABLE snapshot_event_entry DISABLE TRIGGER ALL",
                "UPDATE audit_checkpoint SET digest = 'x'",
                "ALTER TABLE audit_checkpoint DISABLE TRIGGER ALL",
                "DELETE FROM flyway_schema_history")) {
            try (Connection connection = poolConnection();
                    Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute(sql))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
        assertThat(eventCount()).isEqualTo(before);
        assertThat(distinct("payload_type")).doesNotContain("x");
    }

    @Test
    void everyStoredEventCarriesTheActorAndRequestMetadata_andKeyCommandsTheKey() throws Exception {
        Tenant tenant = api.signUp("metadata");
        ApiResponse created = api.send(HttpRequest.POST("/v1/api-keys", "{\"name\":\"temporary\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(tenant.key())
                .header("X-Request-Id", "req-create-temporary")
                .header("User-Agent", "metadata-test/1.0"));
        assertThat(created.status()).isEqualTo(201);
        String keyId = created.json().get("id").asText();
        assertThat(api.delete("/v1/api-keys/" + keyId, tenant.key()).status()).isEqualTo(200);
        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"team\"}")
                        .status())
                .isEqualTo(200);

        List<StoredEvent> events = storedEvents();

        assertThat(events).extracting(StoredEvent::aggregateId).contains(tenant.id(), tenant.keyId(), keyId);
        for (StoredEvent event : events) {
            for (String key : List.of("actorType", "actorId", "actorDisplayName", "requestId", "clientAddress")) {
                assertThat(event.metadata().path(key).asText())
                        .as(event + " " + key)
                        .isNotBlank();
            }
            if ("api_key".equals(event.metadata().path("actorType").asText())) {
                assertThat(event.metadata().path("actorKeyId").asText())
                        .as(event.toString())
                        .isNotBlank();
                assertThat(event.metadata().path("actorKeyName").asText())
                        .as(event.toString())
                        .isNotBlank();
            }
        }
        StoredEvent creation = events.stream()
                .filter(e -> e.aggregateId().equals(keyId) && e.payloadType().endsWith("ApiKeyCreated"))
                .findFirst()
                .orElseThrow();
        assertThat(creation.metadata().get("actorType").asText()).isEqualTo("api_key");
        assertThat(creation.metadata().get("actorId").asText()).isEqualTo(tenant.keyId());
        assertThat(creation.metadata().get("actorKeyId").asText()).isEqualTo(tenant.keyId());
        assertThat(creation.metadata().get("actorKeyName").asText()).isEqualTo("Default key");
        assertThat(creation.metadata().get("actorDisplayName").asText()).isEqualTo("API Key: Default key");
        assertThat(creation.metadata().get("requestId").asText()).isEqualTo("req-create-temporary");
        assertThat(creation.metadata().get("userAgent").asText()).isEqualTo("metadata-test/1.0");
        StoredEvent revocation = events.stream()
                .filter(e -> e.aggregateId().equals(keyId) && e.payloadType().endsWith("ApiKeyRevoked"))
                .findFirst()
                .orElseThrow();
        assertThat(revocation.metadata().get("actorKeyId").asText()).isEqualTo(tenant.keyId());
        List<StoredEvent> signup = events.stream()
                .filter(e ->
                        (e.aggregateId().equals(tenant.id()) && e.payloadType().endsWith("TenantCreated"))
                                || e.aggregateId().equals(tenant.keyId()))
                .toList();
        assertThat(signup).hasSize(2).allSatisfy(e -> {
            assertThat(e.metadata().get("actorType").asText()).isEqualTo("user");
            assertThat(e.metadata().has("actorKeyId")).isFalse();
        });
        StoredEvent planChange = events.stream()
                .filter(e -> e.payloadType().endsWith("TenantPlanChanged"))
                .findFirst()
                .orElseThrow();
        assertThat(planChange.metadata().get("actorType").asText()).isEqualTo("service");
    }

    private record StoredEvent(String aggregateId, String payloadType, JsonNode metadata) {}

    private List<StoredEvent> storedEvents() throws Exception {
        try (Connection connection = poolConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT aggregate_identifier, payload_type, meta_data FROM domain_event_entry ORDER BY global_index")) {
            var events = new ArrayList<StoredEvent>();
            while (rows.next()) {
                events.add(new StoredEvent(rows.getString(1), rows.getString(2), JSON.readTree(rows.getBytes(3))));
            }
            return events;
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

    private List<String> distinct(String column) throws SQLException {
        try (Connection connection = poolConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT " + column + " FROM domain_event_entry")) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** A plain pooled connection in autocommit, outside Micronaut's transaction-bound proxy. */
    private Connection poolConnection() throws SQLException {
        return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }
}
