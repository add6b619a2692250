package dev.artifacta.query.infrastructure;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyIn;

/**
 * Plain JDBC for the projections' batched writes, in SQL that PostgreSQL and H2 both run. Table
 * names stay unqualified, so a transaction's {@code search_path} decides which tables are written.
 */
public final class Rows {

    /** Keys per {@code IN} list; longer lists are split. */
    private static final int MAX_IN = 512;

    /** The fewest rows {@link #insert} copies rather than inserts on PostgreSQL. */
    static final int COPY_FROM = 32;

    /** Characters of {@code COPY} text encoded and sent at a time. */
    private static final int COPY_CHUNK = 32 * 1024;

    private Rows() {}

    /** Runs {@code sql} once per row of values as one JDBC batch (one round trip on PostgreSQL). */
    public static void executeBatch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (rows.size() == 1) {
                bind(statement, rows.get(0));
                statement.executeUpdate();
                return;
            }
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Whether {@code connection} is PostgreSQL's (else H2's): where the two run different SQL. */
    public static boolean isPostgres(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    /**
     * Inserts {@code rows} (values in the order of {@code columns}) into {@code table}. On PostgreSQL
     * {@value #COPY_FROM} rows or more go in as one {@code COPY FROM STDIN} in text format, which
     * costs PostgreSQL less than the multi-row {@code INSERT}s a batch becomes (a rebuild of the audit
     * view from 1M events: 30.5 s of its CPU against 35.9 s); it fails, and aborts the transaction,
     * exactly where those {@code INSERT}s would.
     * Fewer rows (a live batch: one event to a few) are a batch of {@code INSERT}s, and so is every
     * batch elsewhere: {@code COPY} waits for the server's go-ahead before it sends the data, two round
     * trips where an {@code INSERT} takes one, and sets up more (in write runs a live {@code COPY} of
     * about three audit entries took 2.2 to 3.2 ms, a one-row {@code INSERT} 0.2 ms). An {@link Instant} is
     * written as a UTC time for a {@code TIMESTAMP WITH TIME ZONE} column.
     */
    public static void insert(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (rows.size() >= COPY_FROM && isPostgres(connection)) {
            Pending text = new Pending(table, columns, true);
            rows.forEach(text::add);
            text.insert(connection);
            return;
        }
        executeBatch(
                connection,
                "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")",
                rows);
    }

    /**
     * Rows for one table gathered over a batch and inserted at its end ({@link #insert}). With {@code
     * asCopyText} (PostgreSQL only) each row is written out as {@code COPY} text when it is added,
     * encoded {@value #COPY_CHUNK} characters or so at a time, and the chunks go in as one {@code
     * COPY}. A rebuild's load adds its rows so: their values are then still in the processor's
     * caches, where at the end of a batch of a thousand, reading them back was a sixth of the audit
     * view's load; and only the text stays alive to the batch's end, not the rows. The chunks keep
     * every object small: a batch's whole text at once (about 600 KiB for 1,000 audit entries) was
     * three objects of more than half a heap region each, which the heap allocates outside its young
     * generation, each starting a concurrent collection (68 in a rebuild of a minute).
     */
    public static final class Pending {
        private final String table;
        private final List<String> columns;
        private final boolean asCopyText;
        private final List<Object[]> rows = new ArrayList<>();
        private final List<byte[]> chunks = new ArrayList<>();
        private final StringBuilder text;

        public Pending(String table, List<String> columns, boolean asCopyText) {
            this.table = table;
            this.columns = List.copyOf(columns);
            this.asCopyText = asCopyText;
            this.text = asCopyText ? new StringBuilder(COPY_CHUNK + COPY_CHUNK / 4) : new StringBuilder();
        }

        /** Adds a row: its values in the order of the columns. */
        public void add(Object[] row) {
            if (!asCopyText) {
                rows.add(row);
                return;
            }
            CopyText.row(text, row);
            if (text.length() >= COPY_CHUNK) {
                chunks.add(encoded(text));
            }
        }

        /** Inserts the rows added since the last call (as {@link Rows#insert} would, or as one {@code COPY}). */
        public void insert(Connection connection) throws SQLException {
            if (!asCopyText) {
                Rows.insert(connection, table, columns, rows);
            } else if (!text.isEmpty() || !chunks.isEmpty()) {
                if (!isPostgres(connection)) {
                    throw new IllegalStateException(
                            "COPY text is PostgreSQL's; rows for " + table + " were kept as such");
                }
                if (!text.isEmpty()) {
                    chunks.add(encoded(text));
                }
                CopyIn copy = connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
                try {
                    for (byte[] chunk : chunks) {
                        copy.writeToCopy(chunk, 0, chunk.length);
                    }
                    copy.endCopy();
                } catch (SQLException | RuntimeException e) {
                    if (copy.isActive()) {
                        try {
                            copy.cancelCopy();
                        } catch (SQLException cancel) {
                            e.addSuppressed(cancel);
                        }
                    }
                    throw e;
                }
            }
            rows.clear();
            chunks.clear();
        }
    }

    /** The text in UTF-8; empties it. */
    private static byte[] encoded(StringBuilder text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        text.setLength(0);
        return bytes;
    }

    /**
     * Runs {@code select} (which must end in {@code IN}) with {@code keys}, in as few statements as
     * the list allows, handing each result row to {@code reader}. The list is padded to a power of
     * two with its last key, so that a few statement shapes cover every batch size.
     *
     * <p>On PostgreSQL the statement is never prepared on the server: a prepared statement soon
     * runs on a generic plan, and the one made while the view (or a rebuild's copy) was still
     * empty is a sequential scan, kept as the table grows to millions of rows (measured: about a
     * second per lookup). Planned with its values, each lookup is an index scan.
     */
    public static void selectIn(Connection connection, String select, Collection<String> keys, RowReader reader)
            throws SQLException {
        List<String> all = List.copyOf(new HashSet<>(keys));
        for (int from = 0; from < all.size(); from += MAX_IN) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_IN));
            int size = chunk.size() <= 1 ? 1 : Integer.highestOneBit(chunk.size() - 1) << 1;
            StringBuilder sql = new StringBuilder(select).append(" (");
            for (int i = 0; i < size; i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            sql.append(')');
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                planWithValues(statement);
                for (int i = 0; i < size; i++) {
                    statement.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        reader.read(row);
                    }
                }
            }
        }
    }

    private static void planWithValues(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }

    /** Which of {@code keys} are in {@code column} of {@code table}. */
    public static Set<String> existing(Connection connection, String table, String column, Collection<String> keys)
            throws SQLException {
        Set<String> found = new HashSet<>();
        if (!keys.isEmpty()) {
            selectIn(
                    connection,
                    "SELECT " + column + " FROM " + table + " WHERE " + column + " IN",
                    keys,
                    row -> found.add(row.getString(1)));
        }
        return found;
    }

    /** Reads one result row. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Binds values in order; instants as timestamps, as the repositories store them. */
    static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            int index = i + 1;
            switch (value) {
                case null -> statement.setNull(index, Types.NULL);
                case String text -> statement.setString(index, text);
                case Long number -> statement.setLong(index, number);
                case Integer number -> statement.setInt(index, number);
                case Boolean flag -> statement.setBoolean(index, flag);
                case Instant instant -> statement.setTimestamp(index, Timestamp.from(instant));
                default -> statement.setObject(index, value);
            }
        }
    }
}
