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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;

/**
 * The content store in the database ({@code content_blob}): one row per tenant and SHA-256, written
 * in the command's transaction. Content is never deleted, so every version stays restorable.
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
        long used = usedBytes(tenantId);
        if (used + size > quotaBytes) {
            throw new StorageQuotaExceeded(quotaBytes, used, size);
        }
        jdbc.prepareStatement(
                "INSERT INTO content_blob (tenant_id, sha256, size, data) VALUES (?, ?, ?, ?)", statement -> {
                    statement.setString(1, tenantId);
                    statement.setString(2, sha256);
                    statement.setLong(3, size);
                    statement.setBytes(4, content.bytes());
                    // Two commands of a tenant may store the same bytes at once: the second waits for
                    // the first and then finds them stored, which is what it wanted. A savepoint keeps
                    // the command's transaction usable after the refused insert.
                    Connection connection = statement.getConnection();
                    Savepoint beforeInsert = connection.setSavepoint();
                    try {
                        int inserted = statement.executeUpdate();
                        connection.releaseSavepoint(beforeInsert);
                        return inserted;
                    } catch (SQLException e) {
                        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                        connection.rollback(beforeInsert);
                        return 0;
                    }
                });
        return ref;
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
        return jdbc.prepareStatement(
                "SELECT COALESCE(SUM(size), 0) FROM content_blob WHERE tenant_id = ?", statement -> {
                    statement.setString(1, tenantId);
                    try (ResultSet results = statement.executeQuery()) {
                        results.next();
                        return results.getLong(1);
                    }
                });
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
