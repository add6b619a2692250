package dev.artifacta.server.processing.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

/**
 * A live view's transaction commits asynchronously on PostgreSQL (see {@link ViewTransactions}),
 * asked for in the statement that stores the view's token rather than by a statement of its own:
 * one round trip fewer per view and batch, three per append. Every transaction in which a view
 * applies events stores its token before it commits, so the setting is in place for the commit;
 * one that stores none commits synchronously, which costs nothing when it wrote nothing.
 */
final class AsynchronousCommit {

    /** What the token's update reads alongside, once: sets the setting for this transaction only. */
    static final String SETTING = "(SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit";

    private static final ThreadLocal<Boolean> REQUESTED = new ThreadLocal<>();

    private AsynchronousCommit() {}

    /** Asks that the transaction this thread is starting commit asynchronously. */
    static void request() {
        REQUESTED.set(Boolean.TRUE);
    }

    /** The transaction this thread started has ended. */
    static void clear() {
        REQUESTED.remove();
    }

    static boolean requested() {
        return REQUESTED.get() != null;
    }

    /**
     * Axon's token update, with the setting read in its {@code FROM} when the transaction asked
     * for an asynchronous commit: {@code UPDATE token_entry SET ... FROM (SELECT set_config(...))
     * WHERE ...}.
     */
    static String withSetting(String update) {
        int where = update.indexOf(" WHERE ");
        if (where < 0) {
            throw new IllegalArgumentException("Not a token update: " + update);
        }
        return update.substring(0, where) + " FROM " + SETTING + update.substring(where);
    }

    /** Axon's JDBC token store, whose token updates carry the setting when it was asked for. */
    static final class TokenStore extends JdbcTokenStore {

        TokenStore(JdbcTokenStore.Builder builder) {
            super(builder);
        }

        @Override
        protected PreparedStatement storeUpdate(
                Connection connection, TrackingToken token, String processorName, int segment) throws SQLException {
            if (!requested()) {
                return super.storeUpdate(connection, token, processorName, segment);
            }
            return super.storeUpdate(rewritingUpdates(connection), token, processorName, segment);
        }

        /** The connection, with the statements it prepares rewritten by {@link #withSetting}. */
        private static Connection rewritingUpdates(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")
                                && args != null
                                && args[0] instanceof String sql) {
                            args[0] = withSetting(sql);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
