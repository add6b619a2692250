package dev.artifacta.server.processing.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifacta.server.testing.ApiTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A copy's deferred indexes are built by two sessions that each take the next index when done, so
 * one long build does not leave the other session idle with work still waiting behind it.
 */
@MicronautTest(transactional = false)
class DeferredIndexesIT extends ApiTest {

    private static final String SCHEMA = "deferred_index_probe";
    private static final long HOLD = 727_001;

    @Inject
    DeferredIndexes indexes;

    @Inject
    DataSource dataSource;

    @Test
    void givenTheFirstOfThreeIndexesHeldUp_whenTwoSessionsBuild_thenTheOtherBuildsTheRestMeanwhile() throws Exception {
        try (Connection test = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                Statement sql = test.createStatement()) {
            test.setAutoCommit(true);
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            sql.execute("CREATE SCHEMA " + SCHEMA);
            sql.execute("CREATE TABLE " + SCHEMA + ".rows (a int, b int, c int)");
            try {
                // Given the first build waits for a lock this test holds
                sql.execute("SELECT pg_advisory_lock(" + HOLD + ")");
                List<String> builds = List.of(
                        "DO $$ BEGIN PERFORM pg_advisory_xact_lock(" + HOLD + "); CREATE INDEX first_index ON " + SCHEMA
                                + ".rows (a); END $$",
                        "CREATE INDEX second_index ON " + SCHEMA + ".rows (b)",
                        "CREATE INDEX third_index ON " + SCHEMA + ".rows (c)");

                // When two sessions build the three
                CompletableFuture<Void> building = CompletableFuture.runAsync(() -> {
                    try {
                        indexes.build(builds);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                int builtMeanwhile = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (builtMeanwhile < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    builtMeanwhile = indexCount(sql);
                }
                sql.execute("SELECT pg_advisory_unlock(" + HOLD + ")");
                building.get(30, TimeUnit.SECONDS);

                // Then the second and the third were built while the first still waited, and all three are there
                assertThat(builtMeanwhile).isEqualTo(2);
                assertThat(indexCount(sql)).isEqualTo(3);
            } finally {
                sql.execute("SELECT pg_advisory_unlock_all()");
                sql.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }
    }

    @Test
    void givenAnIndexThatCannotBeBuilt_whenBuilding_thenTheBuildFailsWithItsError() {
        List<String> builds = List.of(
                "CREATE INDEX no_such_index ON " + SCHEMA + "_missing.rows (a)",
                "SELECT pg_sleep(0.05)",
                "SELECT pg_sleep(0.05)");

        assertThatThrownBy(() -> indexes.build(builds)).hasMessageContaining(SCHEMA + "_missing");
    }

    private static int indexCount(Statement sql) throws SQLException {
        try (ResultSet count =
                sql.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + SCHEMA + "'")) {
            count.next();
            return count.getInt(1);
        }
    }
}
