package dev.artifacta.server.processing.monitoring;

import dev.artifacta.server.processing.views.ProjectionCatalog.Projection;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A SHA-256 over every row of a view, so that two states of a view (before and after a rebuild)
 * can be compared without moving the rows. Each table is read in primary-key order through a
 * streaming cursor (constant memory), all tables of the view in one read-only REPEATABLE READ
 * snapshot.
 *
 * <p>Canonical form, per table: the column names, then one line per row; every value is written
 * as {@code <length in UTF-8 bytes>:<text>} and SQL NULL as {@code -}, so NULL differs from the
 * empty string and no value can run into the next. Text: timestamps with a zone as UTC ISO-8601
 * instants, booleans as {@code true}/{@code false}, integers in decimal, decimals in plain
 * notation, binary values in lower-case hex, everything else as the driver's string. The view's
 * digest covers, in the catalog's table order, each table's name, row count and digest.
 */
@Singleton
public class ViewChecksums {

    /** One table's digest. */
    @Schema(name = "TableChecksum")
    @Serdeable
    public record TableChecksum(String table, long rows, String sha256) {}

    /** A view's digest over its tables. */
    @Schema(name = "ProjectionChecksum")
    @Serdeable
    public record Checksum(String name, List<TableChecksum> tables, String sha256) {}

    private static final int FETCH_SIZE = 500;
    private static final HexFormat HEX = HexFormat.of();

    private final ReadSnapshot snapshot;

    public ViewChecksums(ReadSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    public Checksum of(Projection projection) {
        return snapshot.read(connection -> {
            var tables = new ArrayList<TableChecksum>();
            MessageDigest view = sha256();
            for (String table : projection.tables()) {
                TableChecksum checksum = table(connection, table);
                tables.add(checksum);
                update(view, List.of(table, Long.toString(checksum.rows()), checksum.sha256()));
            }
            return new Checksum(projection.name(), List.copyOf(tables), HEX.formatHex(view.digest()));
        });
    }

    private static TableChecksum table(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String quote = metaData.getIdentifierQuoteString().strip();
        List<String> key = primaryKey(metaData, connection.getSchema(), table);
        String sql = "SELECT * FROM " + quoted(quote, table) + " ORDER BY "
                + String.join(
                        ", ", key.stream().map(column -> quoted(quote, column)).toList());
        MessageDigest digest = sha256();
        long rows = 0;
        try (Statement query = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // With auto-commit off, PostgreSQL's driver fetches through a cursor this many rows at a time.
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet results = query.executeQuery(sql)) {
                ResultSetMetaData columns = results.getMetaData();
                var names = new ArrayList<String>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    names.add(columns.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
                update(digest, names);
                var values = new ArrayList<String>(names.size());
                while (results.next()) {
                    values.clear();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        values.add(canonical(results, columns, i));
                    }
                    update(digest, values);
                    rows++;
                }
            }
        }
        return new TableChecksum(table, rows, HEX.formatHex(digest.digest()));
    }

    /** The primary-key columns in key order, from the driver's metadata (PostgreSQL and H2 alike). */
    private static List<String> primaryKey(DatabaseMetaData metaData, String schema, String table) throws SQLException {
        var columns = new TreeMap<Short, String>();
        try (ResultSet keys = metaData.getPrimaryKeys(null, schema, table)) {
            while (keys.next()) {
                columns.put(keys.getShort("KEY_SEQ"), keys.getString("COLUMN_NAME"));
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("Table " + table + " has no primary key (or does not exist)");
        }
        return List.copyOf(columns.values());
    }

    private static String quoted(String quote, String identifier) {
        return quote.isEmpty() ? identifier : quote + identifier.replace(quote, quote + quote) + quote;
    }

    /** A value's canonical text, or null for SQL NULL. */
    static String canonical(ResultSet results, ResultSetMetaData columns, int i) throws SQLException {
        int type = columns.getColumnType(i);
        String typeName = columns.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> {
                // PostgreSQL reports timestamptz as TIMESTAMP: tell them apart by the type's name.
                if (type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.contains("tz") || typeName.contains("zone")) {
                    OffsetDateTime value = results.getObject(i, OffsetDateTime.class);
                    return value == null ? null : value.toInstant().toString();
                }
                LocalDateTime value = results.getObject(i, LocalDateTime.class);
                return value == null ? null : value.toString();
            }
            case Types.DATE -> {
                LocalDate value = results.getObject(i, LocalDate.class);
                return value == null ? null : value.toString();
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = results.getBoolean(i);
                return results.wasNull() ? null : Boolean.toString(value);
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long value = results.getLong(i);
                return results.wasNull() ? null : Long.toString(value);
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal value = results.getBigDecimal(i);
                return value == null ? null : value.toPlainString();
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] value = results.getBytes(i);
                return value == null ? null : HEX.formatHex(value);
            }
            default -> {
                return results.getString(i);
            }
        }
    }

    /** Appends one line: each value length-prefixed, NULL as a lone dash. */
    private static void update(MessageDigest digest, List<String> values) {
        var line = new ByteArrayOutputStream();
        for (String value : values) {
            if (value == null) {
                line.write('-');
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                line.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                line.write(':');
                line.writeBytes(bytes);
            }
            line.write(',');
        }
        line.write('\n');
        digest.update(line.toByteArray());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
