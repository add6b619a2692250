package dev.artifacta.server.processing.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's event insert, made to return the global positions the database gives its rows, so the
 * read-your-writes wait after a command knows them without asking the store again. Axon prepares
 * and executes the insert itself; the connection it is handed asks for the position column as a
 * generated key ({@code RETURNING global_index} on PostgreSQL), and the statement hands the keys
 * over right after it has run. A database that cannot return them returns none, and the wait
 * then looks the events up by id.
 */
final class InsertedPositions {

    private static final Logger LOG = LoggerFactory.getLogger(InsertedPositions.class);

    private InsertedPositions() {}

    /** The connection, preparing every statement so that it returns {@code column}'s values. */
    static Connection returning(Connection connection, String column) {
        String[] keys = {column};
        return proxy(Connection.class, (self, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                return connection.prepareStatement((String) args[0], keys);
            }
            return invoke(connection, method, args);
        });
    }

    /** The statement, giving {@code positions} the generated keys once it has been executed. */
    static PreparedStatement reporting(PreparedStatement statement, Consumer<List<Long>> positions) {
        return proxy(PreparedStatement.class, (self, method, args) -> {
            Object result = invoke(statement, method, args);
            if (method.getName().equals("executeBatch") || method.getName().equals("executeUpdate")) {
                positions.accept(generatedKeys(statement));
            }
            return result;
        });
    }

    private static List<Long> generatedKeys(PreparedStatement statement) {
        var positions = new ArrayList<Long>();
        try (ResultSet keys = statement.getGeneratedKeys()) {
            while (keys.next()) {
                positions.add(keys.getLong(1));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("The event insert did not return its positions", e);
            return List.of();
        }
        return positions;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
