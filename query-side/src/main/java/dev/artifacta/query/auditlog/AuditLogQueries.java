package dev.artifacta.query.auditlog;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

/**
 * Filtered, cursor-paginated reads of the audit view. Entries are ordered by their sequence in the
 * tenant's chain, newest first unless asked otherwise; a cursor is the sequence of the last entry
 * returned, so pages never skip or repeat an entry while new events arrive (new entries have higher
 * sequences).
 *
 * <p>Time never decreases along a chain, so time bounds and the retention window become bounds on
 * the sequence first (two index probes); every filter then reads one range of an index ending in
 * {@code sequence}.
 */
@Singleton
public class AuditLogQueries {

    public static final int MAX_LIMIT = 200;

    private static final String CURSOR_PREFIX = "a2:";

    private final JdbcOperations jdbc;

    public AuditLogQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public AuditPage find(AuditQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        Long after = null;
        if (query.cursor() != null) {
            Cursor cursor = decodeCursor(query.cursor());
            if (cursor.ascending() != query.ascending()) {
                throw new InvalidCursor();
            }
            after = cursor.sequence();
        }
        Instant start = later(query.notBefore(), query.from());
        OptionalLong low = start == null ? OptionalLong.of(Long.MIN_VALUE) : firstSequenceAtOrAfter(query, start);
        OptionalLong high =
                query.to() == null ? OptionalLong.of(Long.MAX_VALUE) : lastSequenceBefore(query, query.to());
        if (low.isEmpty() || high.isEmpty()) {
            return new AuditPage(List.of(), null);
        }

        var sql = new StringBuilder("SELECT * FROM audit_log WHERE tenant_id = ?");
        var args = new ArrayList<Object>();
        args.add(query.tenantId());
        equal(sql, args, "actor_key_name", query.keyName());
        equal(sql, args, "actor_key_id", query.keyId());
        equal(sql, args, "actor_type", query.actorType());
        equal(sql, args, "actor_id", query.actorId());
        equal(sql, args, "resource_type", query.resourceType());
        equal(sql, args, "resource_id", query.resourceId());
        if (query.action() != null) {
            List<String> actions = query.action().endsWith(".")
                    ? AuditAction.NAMES.stream()
                            .filter(name -> name.startsWith(query.action()))
                            .toList()
                    : List.of(query.action());
            if (actions.isEmpty()) {
                return new AuditPage(List.of(), null);
            }
            sql.append(" AND action IN (")
                    .append("?,".repeat(actions.size() - 1))
                    .append("?)");
            args.addAll(actions);
        }
        if (low.getAsLong() != Long.MIN_VALUE) {
            sql.append(" AND sequence >= ?");
            args.add(low.getAsLong());
        }
        if (high.getAsLong() != Long.MAX_VALUE) {
            sql.append(" AND sequence <= ?");
            args.add(high.getAsLong());
        }
        if (after != null) {
            sql.append(query.ascending() ? " AND sequence > ?" : " AND sequence < ?");
            args.add(after);
        }
        sql.append(query.ascending() ? " ORDER BY sequence ASC LIMIT ?" : " ORDER BY sequence DESC LIMIT ?");
        args.add(query.limit() + 1);

        List<AuditLogRow> rows = jdbc.prepareStatement(sql.toString(), statement -> {
            bind(statement, args);
            try (ResultSet results = statement.executeQuery()) {
                var found = new ArrayList<AuditLogRow>();
                while (results.next()) {
                    found.add(AuditLogRow.read(results));
                }
                return found;
            }
        });
        if (rows.size() <= query.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditLogRow> page = rows.subList(0, query.limit());
        return new AuditPage(
                List.copyOf(page),
                encodeCursor(query.ascending(), page.getLast().sequence()));
    }

    /** The sequence of the tenant's first entry at or after {@code instant}, if any. */
    @ReadOnly
    public OptionalLong firstSequenceAtOrAfter(String tenantId, Instant instant) {
        return probe(
                "SELECT sequence FROM audit_log WHERE tenant_id = ? AND occurred_at >= ?"
                        + " ORDER BY occurred_at ASC, sequence ASC LIMIT 1",
                tenantId,
                instant);
    }

    /** The sequence of the tenant's last entry before {@code instant}, if any. */
    @ReadOnly
    public OptionalLong lastSequenceBefore(String tenantId, Instant instant) {
        return probe(
                "SELECT sequence FROM audit_log WHERE tenant_id = ? AND occurred_at < ?"
                        + " ORDER BY occurred_at DESC, sequence DESC LIMIT 1",
                tenantId,
                instant);
    }

    /** The sequence of the tenant's newest entry in the view, if any: one probe of the sequence key. */
    @ReadOnly
    public OptionalLong lastSequence(String tenantId) {
        return jdbc.prepareStatement(
                "SELECT sequence FROM audit_log WHERE tenant_id = ? ORDER BY sequence DESC LIMIT 1", statement -> {
                    statement.setString(1, tenantId);
                    try (ResultSet results = statement.executeQuery()) {
                        return results.next() ? OptionalLong.of(results.getLong(1)) : OptionalLong.empty();
                    }
                });
    }

    /**
     * How many entries a key made between two sequences (both included), counting at most {@code cap}:
     * one range of the key's index, read no further than the cap, so a busy key costs no more than
     * a quiet one once it passes it.
     */
    @ReadOnly
    public long countByKey(String tenantId, String keyId, long low, long high, int cap) {
        return jdbc.prepareStatement(
                "SELECT count(*) FROM (SELECT 1 FROM audit_log WHERE tenant_id = ? AND actor_key_id = ?"
                        + " AND sequence >= ? AND sequence <= ? LIMIT ?) AS capped",
                statement -> {
                    statement.setString(1, tenantId);
                    statement.setString(2, keyId);
                    statement.setLong(3, low);
                    statement.setLong(4, high);
                    statement.setInt(5, cap);
                    try (ResultSet results = statement.executeQuery()) {
                        results.next();
                        return results.getLong(1);
                    }
                });
    }

    /** The tenant's entries from one sequence to another (both included), oldest first. */
    @ReadOnly
    public List<AuditLogRow> range(String tenantId, long low, long high) {
        return jdbc.prepareStatement(
                "SELECT * FROM audit_log WHERE tenant_id = ? AND sequence >= ? AND sequence <= ? ORDER BY sequence",
                statement -> {
                    statement.setString(1, tenantId);
                    statement.setLong(2, low);
                    statement.setLong(3, high);
                    try (ResultSet results = statement.executeQuery()) {
                        var found = new ArrayList<AuditLogRow>();
                        while (results.next()) {
                            found.add(AuditLogRow.read(results));
                        }
                        return found;
                    }
                });
    }

    private OptionalLong firstSequenceAtOrAfter(AuditQuery query, Instant instant) {
        return firstSequenceAtOrAfter(query.tenantId(), instant);
    }

    private OptionalLong lastSequenceBefore(AuditQuery query, Instant instant) {
        return lastSequenceBefore(query.tenantId(), instant);
    }

    private OptionalLong probe(String sql, String tenantId, Instant instant) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, tenantId);
            statement.setTimestamp(2, Timestamp.from(instant));
            try (ResultSet results = statement.executeQuery()) {
                return results.next() ? OptionalLong.of(results.getLong(1)) : OptionalLong.empty();
            }
        });
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }

    private static void equal(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    record Cursor(boolean ascending, long sequence) {}

    static String encodeCursor(boolean ascending, long sequence) {
        String text = CURSOR_PREFIX + (ascending ? "asc:" : "desc:") + sequence;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    static Cursor decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(CURSOR_PREFIX + "asc:")) {
                return new Cursor(true, Long.parseLong(text.substring(CURSOR_PREFIX.length() + 4)));
            }
            if (text.startsWith(CURSOR_PREFIX + "desc:")) {
                return new Cursor(false, Long.parseLong(text.substring(CURSOR_PREFIX.length() + 5)));
            }
            throw new InvalidCursor();
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor();
        }
    }
}
