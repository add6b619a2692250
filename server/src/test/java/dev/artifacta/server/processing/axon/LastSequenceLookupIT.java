package dev.artifacta.server.processing.axon;

import static dev.artifacta.server.testing.QueryPlans.explain;
import static dev.artifacta.server.testing.QueryPlans.pagesRead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.QueryPlans;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
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

    @Inject
    DataSource dataSource;

    @Test
    void
            givenAnUnanalyzedStoreWithAnAggregateOf500Events_whenItsLastSequenceIsLookedUpByAGenericPlan_thenFewPagesAreRead()
                    throws Exception {
        QueryPlans.withEmptyCopy(dataSource, "last_sequence_plan", "domain_event_entry", sql -> {
            sql.execute("INSERT INTO domain_event_entry (global_index, event_identifier,"
                    + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload)"
                    + " SELECT i, 'event-' || i, 'artifact-' || (i % 4), i / 4, 'Artifact',"
                    + " '2026-12-07T00:00:00Z', 'Appended', convert_to(repeat('x', 300), 'UTF8')"
                    + " FROM generate_series(0, 1999) i");
            sql.execute("PREPARE last_sequence(varchar) AS " + FreshAggregateCache.LAST_SEQUENCE.replace("?", "$1"));

            try (ResultSet rows = sql.executeQuery("EXECUTE last_sequence('artifact-1')")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(499);
            }
            String plan = explain(sql, "EXECUTE last_sequence('artifact-1')");
            assertThat(pagesRead(plan))
                    .as("pages read for the last of an aggregate's 500 events: %s", plan)
                    .isLessThan(10);
        });
    }
}
