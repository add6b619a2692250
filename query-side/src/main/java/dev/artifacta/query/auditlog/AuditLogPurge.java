package dev.artifacta.query.auditlog;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Removes entries past their tenant's retention window from the audit view, a bounded batch per
 * transaction so that queries and the projection never wait long. Time never decreases along a
 * tenant's chain, so removing the oldest entries always leaves a contiguous chain behind. The
 * events themselves stay.
 */
@Singleton
public class AuditLogPurge {

    private final JdbcOperations jdbc;

    public AuditLogPurge(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes up to {@code limit} of the oldest entries before {@code cutoff} of tenants on {@code plan}. */
    @Transactional
    public int purgeBatch(String plan, Instant cutoff, int limit) {
        return jdbc.prepareStatement(
                "DELETE FROM audit_log WHERE event_id IN (SELECT a.event_id FROM audit_log a"
                        + " JOIN audit_tenant t ON t.tenant_id = a.tenant_id"
                        + " WHERE t.plan = ? AND a.occurred_at < ? ORDER BY a.occurred_at LIMIT ?)",
                statement -> {
                    statement.setString(1, plan);
                    statement.setTimestamp(2, Timestamp.from(cutoff));
                    statement.setInt(3, limit);
                    return statement.executeUpdate();
                });
    }
}
