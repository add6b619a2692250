package dev.artifacta.server.processing.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The PostgreSQL DDL of a rebuild: an empty copy of a view's tables in a schema of its own, and the
 * switch that puts the copy in the live tables' place.
 *
 * <p>The copy keeps the live tables' constraint and index names (they are per schema, so they do
 * not collide), so after the switch the tables look exactly as the migrations made them and a later
 * migration that names an index still finds it.
 */
final class CopyTables {

    private CopyTables() {}

    /**
     * What an empty copy leaves for later: for the tables keyed after the load, the statements that
     * build their keys' unique indexes (primary-key and unique constraints) and those that then make
     * them constraints (and add any exclusion constraint); and the statements that create the other
     * indexes.
     *
     * <p>The keys are built as unique indexes because a constraint added to a table locks it against
     * every other statement, so two keys added by two sessions take turns; two index builds run side
     * by side. Making an index a constraint afterwards only records it.
     */
    record Deferred(List<String> keys, List<String> keyConstraints, List<String> indexes) {}

    /**
     * Drops whatever an earlier rebuild left in {@code copySchema} and creates empty copies of
     * {@code tables} with their check constraints and, except for the tables {@code keyedAfterLoad},
     * their primary-key, unique and exclusion constraints (the projections rely on them to stay
     * idempotent). Returns the statements that add the keys left out and those that create the other
     * indexes: building them once the copy is full is much cheaper than maintaining them on every
     * insert.
     */
    static Deferred create(
            Connection connection,
            String liveSchema,
            String copySchema,
            List<String> tables,
            Collection<String> keyedAfterLoad)
            throws SQLException {
        var deferredKeys = new ArrayList<String>();
        var deferredConstraints = new ArrayList<String>();
        var deferredIndexes = new ArrayList<String>();
        execute(connection, "DROP SCHEMA IF EXISTS " + copySchema + " CASCADE");
        execute(connection, "CREATE SCHEMA " + copySchema);
        for (String table : tables) {
            String live = liveSchema + "." + table;
            String copy = copySchema + "." + table;
            execute(
                    connection,
                    "CREATE TABLE " + copy + " (LIKE " + live
                            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY)");
            for (String[] constraint : query(
                    connection,
                    "SELECT conname, pg_get_constraintdef(oid), contype, pg_get_indexdef(conindid) FROM pg_constraint"
                            + " WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname",
                    live)) {
                String alter = "ALTER TABLE " + copy + " ADD CONSTRAINT " + constraint[0] + " ";
                if (!keyedAfterLoad.contains(table)) {
                    execute(connection, alter + constraint[1]);
                } else if (constraint[2].equals("x")) {
                    deferredConstraints.add(alter + constraint[1]);
                } else {
                    deferredKeys.add(onCopy(constraint[0], constraint[3], live, copy));
                    deferredConstraints.add(alter + (constraint[2].equals("p") ? "PRIMARY KEY" : "UNIQUE")
                            + " USING INDEX " + constraint[0]);
                }
            }
            for (String[] index : query(
                    connection,
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname || '.' || i.tablename = ?"
                            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname"
                            + " AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = i.schemaname))"
                            + " ORDER BY i.indexname",
                    live)) {
                deferredIndexes.add(onCopy(index[0], index[1], live, copy));
            }
        }
        return new Deferred(List.copyOf(deferredKeys), List.copyOf(deferredConstraints), List.copyOf(deferredIndexes));
    }

    /** The live table's index definition {@code definition}, on the copy instead. */
    private static String onCopy(String name, String definition, String live, String copy) {
        String on = " ON " + live + " ";
        if (!definition.contains(on)) {
            throw new IllegalStateException("Cannot copy index " + name + ": " + definition);
        }
        return definition.replace(on, " ON " + copy + " ");
    }

    /**
     * Moves the live tables to {@code retiredSchema} and the copies into the live schema, in the
     * caller's transaction: readers see the old tables until it commits and the new ones after.
     */
    static void switchOver(
            Connection connection, String liveSchema, String copySchema, String retiredSchema, List<String> tables)
            throws SQLException {
        execute(connection, "DROP SCHEMA IF EXISTS " + retiredSchema + " CASCADE");
        execute(connection, "CREATE SCHEMA " + retiredSchema);
        for (String table : tables) {
            execute(connection, "ALTER TABLE " + liveSchema + "." + table + " SET SCHEMA " + retiredSchema);
            execute(connection, "ALTER TABLE " + copySchema + "." + table + " SET SCHEMA " + liveSchema);
        }
        execute(connection, "DROP SCHEMA " + copySchema);
    }

    /** Drops a schema and everything in it, if it exists. */
    static void drop(Connection connection, String schema) throws SQLException {
        execute(connection, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String[]> query(Connection connection, String sql, String parameter) throws SQLException {
        var rows = new ArrayList<String[]>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
