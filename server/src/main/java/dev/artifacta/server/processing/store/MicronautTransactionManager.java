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

    MicronautTransactionManager(SynchronousTransactionManager<Connection> transactions) {
        this(transactions, null);
    }

    private MicronautTransactionManager(
            SynchronousTransactionManager<Connection> transactions, @Nullable String firstStatement) {
        this.transactions = transactions;
        this.firstStatement = firstStatement;
    }

    /**
     * Transactions that run {@code firstStatement} before anything else, such as a {@code SET
     * LOCAL} that holds until the transaction ends (a rebuild points its processor at a view's copy
     * this way).
     */
    public static TransactionManager beginningWith(
            SynchronousTransactionManager<Connection> transactions, String firstStatement) {
        return new MicronautTransactionManager(transactions, firstStatement);
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus<Connection> status = transactions.getTransaction(TransactionDefinition.DEFAULT);
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
                transactions.commit(status);
            }

            @Override
            public void rollback() {
                transactions.rollback(status);
            }
        };
    }
}
