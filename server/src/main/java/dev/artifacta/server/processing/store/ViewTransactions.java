package dev.artifacta.server.processing.store;

import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The transactions the views are written in, by their live processors and by a rebuild's copy.
 *
 * <p>On PostgreSQL they commit asynchronously: the commit returns before its WAL is flushed. A view
 * and its token commit together, so a crash that loses the last commits loses both, and the
 * processor applies those events again from the events, which commit synchronously. Other sessions
 * see the commit at once, as with a synchronous one. A processor's transaction asks for it in the
 * update of its token ({@link AsynchronousCommit}); a copy's load, which writes its tokens only at
 * its end, also in the statement that points it at the copy.
 */
@Singleton
public final class ViewTransactions {

    private static final String ASYNCHRONOUS_COMMIT = "SET LOCAL synchronous_commit TO off";

    private final SynchronousTransactionManager<Connection> transactions;
    private final TransactionManager live;

    ViewTransactions(SynchronousTransactionManager<Connection> transactions, TransactionManager axon) {
        this.transactions = transactions;
        this.live = axon;
    }

    /** The live view processors' transactions: the application's, committed as their token asks. */
    public TransactionManager live() {
        return live;
    }

    /**
     * Transactions (PostgreSQL only) in which unqualified table names resolve to {@code schema}
     * first and then to {@code searchPath}: a rebuild fills a view's copy through them with the live
     * view's own handlers. {@code SET LOCAL} ends with each transaction, so pooled connections go
     * back as they came.
     */
    public TransactionManager inSchema(String schema, String searchPath) {
        return MicronautTransactionManager.beginningWith(
                transactions, "SET LOCAL search_path TO " + schema + ", " + searchPath + "; " + ASYNCHRONOUS_COMMIT);
    }
}
