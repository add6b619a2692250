package dev.artifacta.server.processing.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every command on a cached aggregate first asks the store for the aggregate's last sequence
 * number ({@link FreshAggregateCache}). The server runs that statement prepared, so after a few
 * executions PostgreSQL keeps one generic plan for the connection's life; on a store that has not
 * been analyzed yet (a new database, or one whose autovacuum is off) that plan must still read the
 * last entry of the aggregate's index range, not every event the aggregate ever had.
 */
@MicronautTest(transactional = false)
class LastSequenceLookupIT extends ApiTest {

    private static final String SCHEMA = "last_sequence_plan";

    @Inject
    DataSource dataSource;

    @Test
    void
            givenAnUnanalyzedStoreWithAnAggregateOf500Events_whenItsLastSequenceIsLookedUpByAGenericPlan_thenFewPagesAreRead()
                    throws SQLException {
        try (Connection connection =
                        DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            sql.execute("CREATE SCHEMA " + SCHEMA);
            try {
                // A store of the real shape (its unique index on the aggregate and sequence), never analyzed.
                sql.execute(
                        "CREATE TABLE " + SCHEMA + ".domain_event_entry"
                                + " (LIKE public.domain_event_entry INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
                sql.execute("INSERT INTO " + SCHEMA + ".domain_event_entry (global_index, event_identifier,"
                        + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload)"
                        + " SELECT i, 'event-' || i, 'artifact-' || (i % 4), i / 4, 'Artifact',"
                        + " '2026-12-07T00:00:00Z', 'Appended', convert_to(repeat('x', 300), 'UTF8')"
                        + " FROM generate_series(0, 1999) i");
                sql.execute("SET search_path TO " + SCHEMA);
                sql.execute("SET plan_cache_mode TO force_generic_plan");
                sql.execute(
                        "PREPARE last_sequence(varchar) AS " + FreshAggregateCache.LAST_SEQUENCE.replace("?", "$1"));

                try (ResultSet rows = sql.executeQuery("EXECUTE last_sequence('artifact-1')")) {
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(499);
                }
                try (ResultSet plan = sql.executeQuery(
                        "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE last_sequence('artifact-1')")) {
                    plan.next();
                    String json = plan.getString(1);
                    int buffers = Integer.parseInt(json.replaceAll("(?s).*?\"Shared Hit Blocks\": (\\d+).*", "$1"))
                            + Integer.parseInt(json.replaceAll("(?s).*?\"Shared Read Blocks\": (\\d+).*", "$1"));
                    assertThat(buffers)
                            .as("pages read for the last of an aggregate's 500 events: %s", json)
                            .isLessThan(10);
                }
            } finally {
                sql.execute("DEALLOCATE ALL");
                sql.execute("RESET plan_cache_mode");
                sql.execute("RESET search_path");
                sql.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }
    }
}
