package dev.artifacta.server.processing.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

/**
 * The views commit asynchronously on PostgreSQL (see {@link ViewTransactions}), asked for by the
 * statement that stores a view's token rather than by a statement of its own: one round trip fewer
 * per view and batch, three per append. Every transaction in which a view processor applies events
 * stores its token before it commits, so the setting is in place for the commit; a transaction that
 * stores no token (every command's) commits synchronously.
 */
final class AsynchronousCommit {

    /** What the token's update reads alongside, once: sets the setting for this transaction only. */
    static final String SETTING = "(SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit";

    private AsynchronousCommit() {}

    /**
     * Axon's token update with the setting read in its {@code FROM}: {@code UPDATE token_entry SET
     * ... FROM (SELECT set_config(...)) WHERE ...}.
     */
    static String withSetting(String update) {
        int where = update.indexOf(" WHERE ");
        if (where < 0) {
            throw new IllegalArgumentException("Not a token update: " + update);
        }
        return update.substring(0, where) + " FROM " + SETTING + update.substring(where);
    }

    /**
     * Axon's JDBC token store on PostgreSQL, whose token updates carry the setting. Tokens are only
     * the views' (live or a copy's): what a lost asynchronous commit loses with them is rows of the
     * same views, which their processors apply again from the events.
     */
    static final class TokenStore extends JdbcTokenStore {

        TokenStore(JdbcTokenStore.Builder builder) {
            super(builder);
        }

        @Override
        protected PreparedStatement storeUpdate(
                Connection connection, TrackingToken token, String processorName, int segment) throws SQLException {
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
