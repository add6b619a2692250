package dev.artifacta.auditexport.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.checkpoint.Checkpoint;
import dev.artifacta.query.auditlog.AuditLogQueries;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Exports a tenant's audit entries in chain order with their hashes, ending with a signed
 * checkpoint over exactly the entries exported.
 *
 * <p>An export is planned first (the range of sequences and the checkpoint, issued before the first
 * byte is sent, so a CSV export can name it in a header), then read from a database cursor a fetch
 * at a time ({@link Cursor}) and written a fetch at a time ({@link ExportFormat#lines}), so memory
 * stays constant whatever the size. Entries in the range never change; the
 * retention purge only removes entries older than the window plus a grace period, so it does not
 * race an export that starts at the window's edge.
 */
@Singleton
public class AuditExporter {

    /** Rows fetched from the cursor at a time, and so the entries of one chunk of the export. */
    static final int FETCH_ROWS = 500;

    private final DataSource dataSource;
    private final JdbcOperations jdbc;
    private final AuditLogQueries queries;
    private final CheckpointStore checkpoints;

    public AuditExporter(
            DataSource dataSource, JdbcOperations jdbc, AuditLogQueries queries, CheckpointStore checkpoints) {
        // The stream outlives the request thread and any transaction bound to it: its connection
        // comes from the pool itself, not from the transaction-aware wrapper.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.jdbc = jdbc;
        this.queries = queries;
        this.checkpoints = checkpoints;
    }

    /** What an export holds: sequences {@code first..last} (none when empty) and its checkpoint. */
    public record Plan(String tenantId, Long first, Long last, ObjectNode checkpoint) {

        public long checkpointNumber() {
            return checkpoint.path("number").asLong();
        }

        public boolean isEmpty() {
            return first == null;
        }
    }

    /**
     * Plans an export of the entries from {@code from} (inclusive) to {@code to} (exclusive), never
     * before {@code notBefore} (the retention window), and issues its checkpoint.
     */
    @Transactional
    public Plan plan(String tenantId, Instant notBefore, Instant from, Instant to) {
        Instant start = from == null || from.isBefore(notBefore) ? notBefore : from;
        OptionalLong first = queries.firstSequenceAtOrAfter(tenantId, start);
        OptionalLong last = to == null ? lastSequence(tenantId) : queries.lastSequenceBefore(tenantId, to);
        Checkpoint.Entries entries = null;
        if (first.isPresent() && last.isPresent() && first.getAsLong() <= last.getAsLong()) {
            entries = new Checkpoint.Entries(
                    first.getAsLong(),
                    hashAt(tenantId, first.getAsLong(), "previous_hash").orElseThrow(),
                    last.getAsLong(),
                    hashAt(tenantId, last.getAsLong(), "hash").orElseThrow());
        }
        ObjectNode checkpoint = checkpoints.issue(tenantId, entries);
        return entries == null
                ? new Plan(tenantId, null, null, checkpoint)
                : new Plan(tenantId, entries.firstSequence(), entries.lastSequence(), checkpoint);
    }

    private OptionalLong lastSequence(String tenantId) {
        return jdbc.prepareStatement("SELECT MAX(sequence) FROM audit_log WHERE tenant_id = ?", statement -> {
            statement.setString(1, tenantId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                long value = row.getLong(1);
                return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
            }
        });
    }

    private Optional<String> hashAt(String tenantId, long sequence, String column) {
        return jdbc.prepareStatement(
                "SELECT " + column + " FROM audit_log WHERE tenant_id = ? AND sequence = ?", statement -> {
                    statement.setString(1, tenantId);
                    statement.setLong(2, sequence);
                    try (ResultSet row = statement.executeQuery()) {
                        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                    }
                });
    }

    /** Opens the cursor of a planned export. The caller must close it. */
    public Cursor open(Plan plan) throws SQLException {
        return new Cursor(plan);
    }

    /** Entries read from the cursor, in chain order, for {@link ExportFormat#lines}. */
    public static final class Rows {
        final List<ExportRow> entries;

        private Rows(List<ExportRow> entries) {
            this.entries = entries;
        }
    }

    /**
     * The export's entries, a fetch at a time, read from one database cursor. It checks that they
     * run without a hole from the plan's first sequence to its last.
     */
    public final class Cursor implements AutoCloseable {

        private final Plan plan;
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final ExportRow.Reader reader;
        private long expected;

        private Cursor(Plan plan) throws SQLException {
            this.plan = plan;
            this.expected = plan.isEmpty() ? 0 : plan.first();
            if (plan.isEmpty()) {
                this.connection = null;
                this.statement = null;
                this.rows = null;
                this.reader = null;
                return;
            }
            Connection opened = dataSource.getConnection();
            try {
                // PostgreSQL streams a result through a cursor only inside a transaction.
                opened.setAutoCommit(false);
                opened.setReadOnly(true);
                PreparedStatement query = opened.prepareStatement(
                        "SELECT * FROM audit_log WHERE tenant_id = ? AND sequence BETWEEN ? AND ? ORDER BY sequence");
                query.setFetchSize(FETCH_ROWS);
                query.setString(1, plan.tenantId());
                query.setLong(2, plan.first());
                query.setLong(3, plan.last());
                this.connection = opened;
                this.statement = query;
                this.rows = query.executeQuery();
                this.reader = new ExportRow.Reader(rows);
            } catch (SQLException | RuntimeException e) {
                opened.close();
                throw e;
            }
        }

        /** The next entries (at most a fetch's worth), or null after the last. */
        public Rows next() throws SQLException {
            var entries = new ArrayList<ExportRow>(FETCH_ROWS);
            while (entries.size() < FETCH_ROWS && reader != null && rows.next()) {
                ExportRow row = reader.read();
                if (row.sequence() != expected) {
                    // The range was planned over a contiguous run; a hole means the view changed
                    // under the export (a rebuild). Stop rather than hand out an export that cannot verify.
                    throw new SQLException("The audit view changed during the export (expected sequence " + expected
                            + ", found " + row.sequence() + ")");
                }
                expected++;
                entries.add(row);
            }
            if (!entries.isEmpty()) {
                return new Rows(entries);
            }
            if (!plan.isEmpty() && expected != plan.last() + 1) {
                throw new SQLException("The audit view changed during the export (entries from " + expected + " to "
                        + plan.last() + " are gone)");
            }
            return null;
        }

        @Override
        public void close() throws SQLException {
            if (connection != null) {
                try {
                    rows.close();
                    statement.close();
                    connection.rollback();
                } finally {
                    connection.close();
                }
            }
        }
    }
}
