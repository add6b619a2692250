package dev.artifacta.query.auditlog;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Filtered, cursor-paginated reads of the audit view. Entries are ordered by their position in the
 * event stream, newest first; a cursor is the position of the last entry returned, so pages never
 * skip or repeat an entry while new events arrive (new entries have higher positions).
 */
@Singleton
public class AuditLogQueries {

    public static final int MAX_LIMIT = 200;

    private static final String CURSOR_PREFIX = "a1:";

    private final JdbcOperations jdbc;

    public AuditLogQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public AuditPage find(AuditQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        var sql = new StringBuilder("SELECT * FROM audit_log WHERE tenant_id = ?");
        var args = new ArrayList<Object>();
        args.add(query.tenantId());
        if (query.keyName() != null) {
            sql.append(" AND actor_key_name = ?");
            args.add(query.keyName());
        }
        if (query.keyId() != null) {
            sql.append(" AND actor_key_id = ?");
            args.add(query.keyId());
        }
        if (query.action() != null) {
            if (query.action().endsWith(".")) {
                sql.append(" AND action LIKE ?");
                args.add(query.action().replace("%", "").replace("_", "\\_") + "%");
            } else {
                sql.append(" AND action = ?");
                args.add(query.action());
            }
        }
        if (query.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Timestamp.from(query.to()));
        }
        if (query.cursor() != null) {
            sql.append(" AND global_index < ?");
            args.add(decodeCursor(query.cursor()));
        }
        sql.append(" ORDER BY global_index DESC LIMIT ?");
        args.add(query.limit() + 1);

        List<AuditLogRow> rows = jdbc.prepareStatement(sql.toString(), statement -> {
            bind(statement, args);
            try (ResultSet results = statement.executeQuery()) {
                var found = new ArrayList<AuditLogRow>();
                while (results.next()) {
                    found.add(jdbc.readEntity(results, AuditLogRow.class));
                }
                return found;
            }
        });
        if (rows.size() <= query.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditLogRow> page = rows.subList(0, query.limit());
        return new AuditPage(List.copyOf(page), encodeCursor(page.getLast().globalIndex()));
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    static String encodeCursor(long position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    static long decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith(CURSOR_PREFIX)) {
                throw new InvalidCursor();
            }
            return Long.parseLong(text.substring(CURSOR_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor();
        }
    }
}
