package dev.artifacta.server.processing.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where the live views are on PostgreSQL: their schema, and the connections' {@code search_path},
 * which a copy's transactions put the copy's schema in front of.
 */
record LiveSchema(String schema, String searchPath) {

    static LiveSchema of(Connection connection) throws SQLException {
        return new LiveSchema(single(connection, "SELECT current_schema()"), single(connection, "SHOW search_path"));
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }
}
