package dev.artifacta.server.testing;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * For tests that hold a statement's plan to the pages it reads: an empty copy of a table in a
 * schema of its own (never analyzed, as a new database's tables are), prepared statements planned
 * the way a pooled connection keeps them (one generic plan), and the pages a plan read.
 */
public final class QueryPlans {

    /** What a test does with the copy: statements run with the schema first on the search path. */
    @FunctionalInterface
    public interface Body {
        void run(Statement sql) throws Exception;
    }

    private QueryPlans() {}

    /**
     * Runs {@code body} on one connection with an empty copy of {@code table} (its columns, defaults,
     * constraints and indexes; no triggers, no rows, no statistics) in {@code schema}, which is
     * first on the search path, and with generic plans forced; drops the schema afterwards.
     */
    public static void withEmptyCopy(DataSource dataSource, String schema, String table, Body body) throws Exception {
        try (Connection connection =
                        DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            sql.execute("CREATE SCHEMA " + schema);
            try {
                sql.execute("CREATE TABLE " + schema + "." + table + " (LIKE public." + table
                        + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
                sql.execute("SET search_path TO " + schema);
                sql.execute("SET plan_cache_mode TO force_generic_plan");
                body.run(sql);
            } finally {
                sql.execute("DEALLOCATE ALL");
                sql.execute("RESET plan_cache_mode");
                sql.execute("RESET search_path");
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** The plan of {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) <statement>}, as JSON text. */
    public static String explain(Statement sql, String statement) throws SQLException {
        try (ResultSet plan = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement)) {
            plan.next();
            return plan.getString(1);
        }
    }

    /** The shared pages a plan read (found in the buffer cache or read in), from its JSON. */
    public static int pagesRead(String json) {
        return Integer.parseInt(json.replaceAll("(?s).*?\"Shared Hit Blocks\": (\\d+).*", "$1"))
                + Integer.parseInt(json.replaceAll("(?s).*?\"Shared Read Blocks\": (\\d+).*", "$1"));
    }
}
