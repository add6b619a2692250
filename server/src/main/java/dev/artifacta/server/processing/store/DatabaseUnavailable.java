package dev.artifacta.server.processing.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises an exception that means the database cannot be reached at the moment, rather than a
 * fault in the request or in the server: the pool found no connection within its
 * {@code connection-timeout} (Hikari's {@link SQLTransientConnectionException}), a connection broke
 * or was refused (SQLSTATE class {@code 08}), or PostgreSQL is shutting down, crashed or is still
 * starting ({@code 57P01}, {@code 57P02}, {@code 57P03}) or has no connection slot left
 * ({@code 53300}). Axon, Micronaut Data and the transaction manager wrap these, so the whole cause
 * chain is searched. The HTTP layer answers such requests 503 with {@code Retry-After}; the views'
 * processors retry soon after such errors, and read-your-writes waits for them.
 *
 * <p>One more: Hikari swaps a connection it finds broken (by those states) for a closed stand-in,
 * and Micronaut Data, when it ends the failed statement's connection, resets the connection's
 * read-only flag on that stand-in in a {@code finally} block; the stand-in's "Connection is closed",
 * which has no SQLSTATE, then replaces the original {@code 08006} (seen when PostgreSQL stopped under
 * load). So an exception thrown by that stand-in counts too; a use of a connection after its own
 * close, a bug, would be answered 503 as well, and shows in the outage's log line.
 */
public final class DatabaseUnavailable {

    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

    private DatabaseUnavailable() {}

    /** Whether {@code exception} or any of its causes says the database is out of reach. */
    public static boolean causedBy(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (is(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this one exception (not its causes) says the database is out of reach. */
    public static boolean is(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
        }
        return cause instanceof SQLException && thrownByPoolsClosedConnection(cause);
    }

    /** Whether Hikari's stand-in for a connection it has closed threw this. */
    private static boolean thrownByPoolsClosedConnection(Throwable exception) {
        StackTraceElement[] frames = exception.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith(HIKARI_CLOSED_CONNECTION);
    }
}
