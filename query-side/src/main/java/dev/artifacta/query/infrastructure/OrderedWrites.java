package dev.artifacta.query.infrastructure;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements a projection's handlers issued during one batch, run at its end in the order they
 * were issued, consecutive runs of one statement as one JDBC batch. Running them in order keeps
 * every handler's effect what it was when each ran at once (a rename after a creation in the same
 * batch still finds its row); no handler may read the view in between.
 *
 * <p>An insert of a row that may already exist (a redelivered event) names its table and key, and
 * an insert whose key exists, or was inserted earlier in the batch, is dropped, as a per-event
 * existence check would have: on PostgreSQL by the insert itself ({@code ON CONFLICT (key) DO
 * NOTHING}, no round trip of its own), elsewhere by one query for the batch's keys first.
 */
public final class OrderedWrites implements BatchWrites.Batch {

    private record Write(String sql, Object[] values, String table, String keyColumn, String key) {}

    private final JdbcOperations jdbc;
    private final List<Write> writes = new ArrayList<>();

    public OrderedWrites(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs {@code sql} with {@code values} at the end of the batch. */
    public void execute(String sql, Object... values) {
        writes.add(new Write(sql, values, null, null, null));
    }

    /** Runs the insert {@code sql} at the end of the batch unless {@code keyColumn = key} is in {@code table}. */
    public void insertUnlessPresent(String table, String keyColumn, String key, String sql, Object... values) {
        writes.add(new Write(sql, values, table, keyColumn, key));
    }

    @Override
    public void flush() {
        if (writes.isEmpty()) {
            return;
        }
        jdbc.execute(connection -> {
            // PostgreSQL skips the present keys itself, in the insert; elsewhere they are looked up first.
            boolean skipsConflicts = Rows.isPostgres(connection);
            Map<String, Set<String>> present = new HashMap<>();
            Map<String, Set<String>> keysByTable = new HashMap<>();
            for (Write write : writes) {
                if (write.table() != null && !skipsConflicts) {
                    keysByTable
                            .computeIfAbsent(write.table() + "\0" + write.keyColumn(), t -> new HashSet<>())
                            .add(write.key());
                }
            }
            for (var entry : keysByTable.entrySet()) {
                String[] tableAndColumn = entry.getKey().split("\0");
                present.put(
                        entry.getKey(),
                        Rows.existing(connection, tableAndColumn[0], tableAndColumn[1], entry.getValue()));
            }
            String sql = null;
            List<Object[]> run = new ArrayList<>();
            for (Write write : writes) {
                String statement = write.sql();
                if (write.table() != null && skipsConflicts) {
                    statement += " ON CONFLICT (" + write.keyColumn() + ") DO NOTHING";
                } else if (write.table() != null
                        && !present.get(write.table() + "\0" + write.keyColumn())
                                .add(write.key())) {
                    continue;
                }
                if (!statement.equals(sql)) {
                    Rows.executeBatch(connection, sql, run);
                    sql = statement;
                    run = new ArrayList<>();
                }
                run.add(write.values());
            }
            Rows.executeBatch(connection, sql, run);
            return null;
        });
        writes.clear();
    }
}
