package dev.artifacta.query.auditlog;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Optional;

/** The {@code audit_tenant} table: each tenant's chain head and plan. */
@Singleton
public class AuditTenants {

    private final JdbcOperations jdbc;

    public AuditTenants(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AuditTenant> find(String tenantId) {
        return jdbc.prepareStatement("SELECT * FROM audit_tenant WHERE tenant_id = ?", statement -> {
            statement.setString(1, tenantId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AuditTenant(
                        row.getString("tenant_id"),
                        row.getString("plan"),
                        row.getLong("last_sequence"),
                        row.getString("last_hash"),
                        row.getTimestamp("last_occurred_at").toInstant()));
            }
        });
    }

    public void save(AuditTenant head) {
        int updated = jdbc.prepareStatement(
                "UPDATE audit_tenant SET plan = ?, last_sequence = ?, last_hash = ?, last_occurred_at = ?"
                        + " WHERE tenant_id = ?",
                statement -> {
                    statement.setString(1, head.plan());
                    statement.setLong(2, head.lastSequence());
                    statement.setString(3, head.lastHash());
                    statement.setTimestamp(4, Timestamp.from(head.lastOccurredAt()));
                    statement.setString(5, head.tenantId());
                    return statement.executeUpdate();
                });
        if (updated == 0) {
            jdbc.prepareStatement(
                    "INSERT INTO audit_tenant (tenant_id, plan, last_sequence, last_hash, last_occurred_at)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    statement -> {
                        statement.setString(1, head.tenantId());
                        statement.setString(2, head.plan());
                        statement.setLong(3, head.lastSequence());
                        statement.setString(4, head.lastHash());
                        statement.setTimestamp(5, Timestamp.from(head.lastOccurredAt()));
                        return statement.executeUpdate();
                    });
        }
    }

    public void deleteAll() {
        jdbc.prepareStatement("DELETE FROM audit_tenant", statement -> statement.executeUpdate());
    }
}
