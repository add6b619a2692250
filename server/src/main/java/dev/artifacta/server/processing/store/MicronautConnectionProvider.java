package dev.artifacta.server.processing.store;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * Gives Axon the transaction's connection inside a transaction (Micronaut's contextual data source,
 * whose close is a no-op there) and a pooled connection outside one (the contextual proxy refuses
 * to hand out connections without a transaction).
 */
final class MicronautConnectionProvider implements ConnectionProvider {

    private final DataSource contextual;
    private final DataSource pool;
    private final TransactionOperations<Connection> transactions;

    MicronautConnectionProvider(
            DataSource contextual, DataSource pool, TransactionOperations<Connection> transactions) {
        this.contextual = contextual;
        this.pool = pool;
        this.transactions = transactions;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return transactions.findTransactionStatus().isPresent() ? contextual.getConnection() : pool.getConnection();
    }
}
