package dev.artifacta.server.processing.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A view's transaction commits asynchronously, asked for by the update of its token rather than by
 * a statement of its own; a transaction that stores no token keeps the synchronous commit the events
 * need, also on a pooled connection a view's transaction used before.
 */
@MicronautTest(transactional = false)
class AsynchronousCommitIT extends ApiTest {

    @Inject
    ViewTransactions views;

    @Inject
    TransactionManager commands;

    @Inject
    TokenStore tokens;

    @Inject
    ConnectionProvider connections;

    private final String processor = "asynchronous-commit-" + UUID.randomUUID();

    @BeforeEach
    void givenASegmentThisNodeHolds() {
        inTransaction(commands, () -> {
            tokens.initializeTokenSegments(processor, 1);
            tokens.fetchToken(processor, 0);
        });
    }

    @AfterEach
    void removeTheSegment() {
        inTransaction(commands, () -> tokens.deleteToken(processor, 0));
    }

    @Test
    void givenAViewTransaction_whenItStoresItsToken_thenItCommitsAsynchronously() {
        String setting = inTransaction(views.live(), () -> {
            tokens.storeToken(GapAwareTrackingToken.newInstance(7, List.of()), processor, 0);
            return synchronousCommit();
        });

        assertThat(setting).isEqualTo("off");
    }

    @Test
    void givenATransactionThatStoresNoToken_whenItCommits_thenItCommitsSynchronously() {
        String setting = inTransaction(commands, this::synchronousCommit);

        assertThat(setting).isEqualTo("on");
    }

    @Test
    void givenAViewTransactionThatEnded_whenTheConnectionServesTheNextTransaction_thenThatOneIsSynchronous() {
        inTransaction(
                views.live(), () -> tokens.storeToken(GapAwareTrackingToken.newInstance(7, List.of()), processor, 0));

        String setting = inTransaction(commands, this::synchronousCommit);

        assertThat(setting).isEqualTo("on");
    }

    private String synchronousCommit() {
        try {
            Connection connection = connections.getConnection();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT current_setting('synchronous_commit')")) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void inTransaction(TransactionManager manager, Runnable work) {
        inTransaction(manager, () -> {
            work.run();
            return null;
        });
    }

    private static <T> T inTransaction(TransactionManager manager, java.util.function.Supplier<T> work) {
        Transaction transaction = manager.startTransaction();
        try {
            T result = work.get();
            transaction.commit();
            return result;
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
    }
}
