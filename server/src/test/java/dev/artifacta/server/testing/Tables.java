package dev.artifacta.server.testing;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Plain JDBC access to the test database, outside any transaction, for whole-table checks. */
public final class Tables {

    private final DataSource pool;

    public Tables(DataSource dataSource) {
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Every row of a query, as ordered column maps; binary columns become UTF-8 text. */
    public List<Map<String, Object>> rows(String sql) {
        try (Connection connection = pool.getConnection();
                ResultSet results = connection.createStatement().executeQuery(sql)) {
            var rows = new ArrayList<Map<String, Object>>();
            int columns = results.getMetaData().getColumnCount();
            while (results.next()) {
                var row = new LinkedHashMap<String, Object>();
                for (int i = 1; i <= columns; i++) {
                    Object value = results.getObject(i);
                    row.put(
                            results.getMetaData().getColumnLabel(i),
                            value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void execute(String sql) {
        try (Connection connection = pool.getConnection()) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The names of every table in the current schema. */
    public List<String> allTables() {
        return rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                        + " AND table_type = 'BASE TABLE'")
                .stream()
                .map(row -> row.values().iterator().next().toString())
                .toList();
    }
}
