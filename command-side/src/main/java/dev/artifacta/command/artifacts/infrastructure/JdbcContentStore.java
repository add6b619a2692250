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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

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
        if (exists(tenantId, sha256) || !insert(tenantId, sha256, size, content.bytes())) {
            return ref;
        }
        countAtCommit(tenantId, size, quotaBytes);
        return ref;
    }

    /**
     * Inserts the bytes, or answers false when another command has stored the same bytes meanwhile
     * (the insert then waited for that command, was refused, and the savepoint keeps the command's
     * transaction usable).
     */
    private boolean insert(String tenantId, String sha256, long size, byte[] bytes) {
        return jdbc.execute(connection -> {
            Savepoint beforeInsert = connection.setSavepoint();
            try {
                insert(connection, tenantId, sha256, size, bytes);
                connection.releaseSavepoint(beforeInsert);
                return true;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(beforeInsert);
                return false;
            }
        });
    }

    /**
     * Counts the new bytes into the tenant's usage as the command's last step before its events are
     * appended. The count-up locks the tenant's usage row until the command commits, so two commands
     * of a tenant cannot both fit into the same room under the quota; taken here rather than when
     * the bytes are stored, the lock is held only while the events are appended and committed, not
     * while the command's own work runs (under load a tenant's commands queued on it for the whole
     * command). A refusal there rolls the command back, bytes included, and fails it like a refusal
     * in its handler. The store is only called from the artifact's command handlers, in their unit
     * of work.
     */
    private void countAtCommit(String tenantId, long size, long quotaBytes) {
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> count(tenantId, size, quotaBytes));
    }

    private void count(String tenantId, long size, long quotaBytes) {
        jdbc.execute(connection -> {
            count(connection, tenantId, size, quotaBytes);
            return null;
        });
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
