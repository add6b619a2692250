package dev.artifacta.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An event that commits after later events of other tenants (a slow transaction) reaches the audit
 * view late, with a tracking token whose position is a later event's. Its entry must still be
 * recorded, exactly once, in its tenant's chain; nothing else may be lost or doubled.
 */
@MicronautTest(transactional = false)
class AuditLateCommitIT extends ApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void givenAnEventCommittingAfterLaterEventsOfAnotherTenant_thenEveryEventHasExactlyOneEntry() throws Exception {
        Tenant slow = api.signUp("late");
        Tenant busy = api.signUp("busy");
        Tables tables = new Tables(dataSource);
        awaitEveryEventAudited(tables);
        String lateEventId = UUID.randomUUID().toString();

        try (Connection transaction =
                DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            transaction.setAutoCommit(false);
            // A real event of the slow tenant (its plan change, re-stamped), inserted and held
            // uncommitted: it takes a position before everything the busy tenant does next.
            try (PreparedStatement insert = transaction.prepareStatement(
                    "INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision,"
                            + " payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
                            + " SELECT ?, meta_data, payload, payload_revision, payload_type, time_stamp, ?, 0, NULL"
                            + " FROM domain_event_entry WHERE payload_type LIKE '%.TenantCreated'"
                            + " AND aggregate_identifier = ?")) {
                insert.setString(1, lateEventId);
                insert.setString(2, lateEventId);
                insert.setString(3, slow.id());
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(api.post("/v1/artifacts", busy.key(), "{\"title\":\"t" + i + "\",\"content\":\"c\"}")
                                .status())
                        .isEqualTo(201);
            }
            transaction.commit();
        }

        awaitEveryEventAudited(tables);
        List<String> slowActions = items(slow).stream()
                .map(item -> item.get("action").asText() + " " + item.get("id").asText())
                .toList();
        assertThat(slowActions).contains("tenant.created " + lateEventId);
        assertThat(items(busy))
                .extracting(item -> item.get("action").asText())
                .filteredOn("artifact.created"::equals)
                .hasSize(5);
        assertThat(tables.rows("SELECT tenant_id, COUNT(*) AS n, MIN(sequence) AS lo, MAX(sequence) AS hi"
                        + " FROM audit_log GROUP BY tenant_id"))
                .as("each tenant's chain runs 1..n without gaps")
                .allSatisfy(row -> {
                    assertThat(((Number) row.get("lo")).longValue()).isEqualTo(1);
                    assertThat(((Number) row.get("hi")).longValue()).isEqualTo(((Number) row.get("n")).longValue());
                });
    }

    private void awaitEveryEventAudited(Tables tables) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(count(tables, "audit_log"))
                .isEqualTo(count(tables, "domain_event_entry")));
    }

    private static long count(Tables tables, String table) {
        return ((Number) tables.rows("SELECT COUNT(*) AS n FROM " + table)
                        .getFirst()
                        .get("n"))
                .longValue();
    }

    private List<JsonNode> items(Tenant tenant) {
        JsonNode page = api.get("/v1/audit-events?limit=200", tenant.key()).json();
        return java.util.stream.StreamSupport.stream(page.get("items").spliterator(), false)
                .toList();
    }
}
