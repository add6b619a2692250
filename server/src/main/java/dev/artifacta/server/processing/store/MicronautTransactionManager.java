package dev.artifacta.server.processing.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.SynchronousTransactionManager;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon transactions on Micronaut's transaction manager: the connection is bound to the current
 * context, so Micronaut Data writes in a subscribing handler join the transaction that appends the
 * events (one commit for both, or neither).
 */
public final class MicronautTransactionManager implements TransactionManager {

    private final SynchronousTransactionManager<Connection> transactions;
    private final @Nullable String firstStatement;
    private final boolean asynchronousCommit;

    MicronautTransactionManager(SynchronousTransactionManager<Connection> transactions) {
        this(transactions, null, false);
    }

    private MicronautTransactionManager(
            SynchronousTransactionManager<Connection> transactions,
            @Nullable String firstStatement,
            boolean asynchronousCommit) {
        this.transactions = transactions;
        this.firstStatement = firstStatement;
        this.asynchronousCommit = asynchronousCommit;
    }

    /**
     * Transactions that run {@code firstStatement} before anything else, such as a {@code SET
     * LOCAL} that holds until the transaction ends (a rebuild points its processor at a view's copy
     * this way).
     */
    public static TransactionManager beginningWith(
            SynchronousTransactionManager<Connection> transactions, String firstStatement) {
        return new MicronautTransactionManager(transactions, firstStatement, false);
    }

    /**
     * Transactions that commit asynchronously (PostgreSQL), asked for by the token update that
     * every view transaction ends with ({@link AsynchronousCommit}) rather than by a statement of
     * their own.
     */
    static TransactionManager committingAsynchronously(SynchronousTransactionManager<Connection> transactions) {
        return new MicronautTransactionManager(transactions, null, true);
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus<Connection> status = transactions.getTransaction(TransactionDefinition.DEFAULT);
        if (asynchronousCommit) {
            AsynchronousCommit.request();
        }
        if (firstStatement != null) {
            try (Statement statement = status.getConnection().createStatement()) {
                statement.execute(firstStatement);
            } catch (SQLException | RuntimeException e) {
                transactions.rollback(status);
                throw new IllegalStateException("Could not begin the transaction with: " + firstStatement, e);
            }
        }
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    transactions.commit(status);
                } finally {
                    ended();
                }
            }

            @Override
            public void rollback() {
                try {
                    transactions.rollback(status);
                } finally {
                    ended();
                }
            }
        };
    }

    private void ended() {
        if (asynchronousCommit) {
            AsynchronousCommit.clear();
        }
    }
}
