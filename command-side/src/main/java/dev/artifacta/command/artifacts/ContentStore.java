package dev.artifacta.command.artifacts;

import dev.artifacta.events.ContentRef;

/**
 * Where version content lives: once per distinct SHA-256 per tenant. Writes join the command's
 * transaction, so content of a refused command is never kept.
 */
public interface ContentStore {

    /**
     * Stores the content unless the tenant already holds the same bytes. New bytes are counted into
     * the tenant's usage when the command commits, which then fails with {@link
     * StorageQuotaExceeded} if they would take the tenant past its quota.
     */
    ContentRef store(String tenantId, NewContent content, long quotaBytes);

    /** Lowercase hex SHA-256 of the bytes: the name content is stored and compared under. */
    static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
