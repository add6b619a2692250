package dev.artifacta.server.processing.monitoring;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs reads in one read-only REPEATABLE READ transaction on a pooled connection of its own (not
 * the request's, not Micronaut's contextual one): every query inside sees the same snapshot, and a
 * long read (a checksum over a big view) neither blocks writers nor sees half of a batch.
 */
@Singleton
public class ReadSnapshot {

    /** Work on the snapshot's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource pool;

    public ReadSnapshot(DataSource dataSource) {
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    public <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            boolean readOnly = connection.isReadOnly();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(connection);
            } finally {
                // Nothing was written: ending the transaction either way releases the snapshot.
                connection.rollback();
                connection.setTransactionIsolation(isolation);
                connection.setReadOnly(readOnly);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading a consistent snapshot failed", e);
        }
    }
}
