package dev.artifacta.server.processing.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void givenNoConnectionWithinThePoolsTimeout_wrapped_thenTheDatabaseIsUnavailable() {
        var timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");

        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("Failed", timeout)))
                .isTrue();
    }

    @Test
    void givenABrokenConnection_orAServerShuttingDownOrStarting_thenTheDatabaseIsUnavailable() {
        for (String state : new String[] {"08006", "08001", "08003", "57P01", "57P02", "57P03", "53300"}) {
            var sql = new SQLException("from PostgreSQL", state);

            assertThat(DatabaseUnavailable.causedBy(new EventStoreException("append failed", sql)))
                    .as(state)
                    .isTrue();
        }
    }

    @Test
    void givenThePoolsStandInForAConnectionItClosed_thenTheDatabaseIsUnavailable() {
        var closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
                    "lambda$getClosedConnection$0",
                    "ProxyConnection.java",
                    562)
        });

        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("Could not set read-only", closed)))
                .isTrue();
    }

    @Test
    void givenAnyOtherError_thenItIsNotAnOutage() {
        assertThat(DatabaseUnavailable.causedBy(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("Connection is closed")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("boom")))
                .isFalse();
    }
}
