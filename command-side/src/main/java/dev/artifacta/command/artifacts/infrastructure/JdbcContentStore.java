package dev.artifacta.command.artifacts.infrastructure;

import dev.artifacta.command.artifacts.ContentStore;
import dev.artifacta.command.artifacts.NewContent;
import dev.artifacta.command.artifacts.StorageQuotaExceeded;
import dev.artifacta.command.artifacts.StoredContent;
import dev.artifacta.events.ContentRef;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;

/**
 * The content store in the database ({@code content_blob}): one row per tenant and SHA-256, written
 * in the command's transaction, with the tenant's total in {@code content_usage}. Content is never
 * deleted, so every version stays restorable.
 */
@Singleton
public class JdbcContentStore implements ContentStore, StoredContent {

    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcOperations jdbc;

    public JdbcContentStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ContentRef store(String tenantId, NewContent content, long quotaBytes) {
        String sha256 = sha256Hex(content.bytes());
        long size = content.bytes().length;
        var ref = new ContentRef(sha256, size, content.contentType(), content.fileName());
        if (exists(tenantId, sha256)) {
            return ref;
        }
        jdbc.execute(connection -> {
            // The tenant's usage row is counted up first and stays locked until the command commits:
            // two commands of a tenant cannot both fit into the same room under the quota. Two that
            // store the same bytes at once: the second waits for the first, then its insert is
            // refused and it finds them stored, which is what it wanted; the savepoint takes its
            // count back and keeps the command's transaction usable.
            Savepoint beforeInsert = connection.setSavepoint();
            try {
                count(connection, tenantId, size, quotaBytes);
                insert(connection, tenantId, sha256, size, content.bytes());
                connection.releaseSavepoint(beforeInsert);
            } catch (StorageQuotaExceeded e) {
                connection.rollback(beforeInsert);
                throw e;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(beforeInsert);
            }
            return null;
        });
        return ref;
    }

    /**
     * Adds {@code size} to what the tenant stores, or refuses it when that would pass the quota. A
     * refused count-up is either the tenant's first content (no row yet) or no room: the row is
     * made sure of, and the count-up tried once more, which then sees the latest committed total.
     */
    private static void count(Connection connection, String tenantId, long size, long quotaBytes) throws SQLException {
        if (add(connection, tenantId, size, quotaBytes)) {
            return;
        }
        createRow(connection, tenantId);
        if (!add(connection, tenantId, size, quotaBytes)) {
            throw new StorageQuotaExceeded(quotaBytes, storedBytes(connection, tenantId), size);
        }
    }

    /** The tenant's row at zero, unless another command has made it (then it waits for that one). */
    private static void createRow(Connection connection, String tenantId) throws SQLException {
        Savepoint beforeRow = connection.setSavepoint();
        try (PreparedStatement row =
                connection.prepareStatement("INSERT INTO content_usage (tenant_id, bytes) VALUES (?, 0)")) {
            row.setString(1, tenantId);
            row.executeUpdate();
            connection.releaseSavepoint(beforeRow);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeRow);
        }
    }

    private static boolean add(Connection connection, String tenantId, long size, long quotaBytes) throws SQLException {
        try (PreparedStatement add = connection.prepareStatement(
                "UPDATE content_usage SET bytes = bytes + ? WHERE tenant_id = ? AND bytes + ? <= ?")) {
            add.setLong(1, size);
            add.setString(2, tenantId);
            add.setLong(3, size);
            add.setLong(4, quotaBytes);
            return add.executeUpdate() == 1;
        }
    }

    private static void insert(Connection connection, String tenantId, String sha256, long size, byte[] bytes)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO content_blob (tenant_id, sha256, size, data) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, tenantId);
            insert.setString(2, sha256);
            insert.setLong(3, size);
            insert.setBytes(4, bytes);
            insert.executeUpdate();
        }
    }

    /** The bytes with that hash, if the tenant stores them. */
    @Override
    @ReadOnly
    public Optional<byte[]> read(String tenantId, String sha256) {
        return jdbc.prepareStatement("SELECT data FROM content_blob WHERE tenant_id = ? AND sha256 = ?", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, sha256);
            try (ResultSet results = statement.executeQuery()) {
                return results.next() ? Optional.of(results.getBytes(1)) : Optional.<byte[]>empty();
            }
        });
    }

    /** What the tenant stores, in bytes (each distinct content once). */
    @Override
    @ReadOnly
    public long usedBytes(String tenantId) {
        return jdbc.execute(connection -> storedBytes(connection, tenantId));
    }

    /** The tenant's counted bytes (0 before its first content). */
    private static long storedBytes(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT bytes FROM content_usage WHERE tenant_id = ?")) {
            query.setString(1, tenantId);
            try (ResultSet results = query.executeQuery()) {
                return results.next() ? results.getLong(1) : 0;
            }
        }
    }

    private boolean exists(String tenantId, String sha256) {
        return jdbc.prepareStatement("SELECT 1 FROM content_blob WHERE tenant_id = ? AND sha256 = ?", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, sha256);
            try (ResultSet results = statement.executeQuery()) {
                return results.next();
            }
        });
    }

    public static String sha256Hex(byte[] bytes) {
        return ContentStore.sha256Hex(bytes);
    }
}
