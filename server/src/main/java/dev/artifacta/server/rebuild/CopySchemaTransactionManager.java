package dev.artifacta.server.rebuild;

import io.micronaut.transaction.SynchronousTransactionManager;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon transactions whose unqualified table names resolve to a view's copy first: each transaction
 * starts with {@code SET LOCAL search_path}, so the unchanged projection code writes into the copy
 * while everything the copy does not have (the token table, the command side's tables) still
 * resolves to the live schema. {@code SET LOCAL} ends with the transaction, so the pooled connection
 * goes back as it came.
 */
final class CopySchemaTransactionManager implements TransactionManager {

    private final SynchronousTransactionManager<Connection> transactions;
    private final String searchPath;

    CopySchemaTransactionManager(SynchronousTransactionManager<Connection> transactions, String searchPath) {
        this.transactions = transactions;
        this.searchPath = searchPath;
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus<Connection> status = transactions.getTransaction(TransactionDefinition.DEFAULT);
        try (Statement statement = status.getConnection().createStatement()) {
            statement.execute("SET LOCAL search_path TO " + searchPath);
        } catch (SQLException | RuntimeException e) {
            transactions.rollback(status);
            throw new IllegalStateException("Could not point the transaction at the view's copy", e);
        }
        return new Transaction() {
            @Override
            public void commit() {
                transactions.commit(status);
            }

            @Override
            public void rollback() {
                transactions.rollback(status);
            }
        };
    }
}
