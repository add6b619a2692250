package dev.artifacta.query.auditlog;

import dev.artifacta.query.infrastructure.Rows;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code audit_tenant} table: each tenant's chain head and plan. */
@Singleton
public class AuditTenants {

    private static final String UPDATE = "UPDATE audit_tenant SET plan = ?, last_sequence = ?, last_hash = ?,"
            + " last_occurred_at = ? WHERE tenant_id = ?";
    private static final String INSERT =
            "INSERT INTO audit_tenant (plan, last_sequence, last_hash, last_occurred_at, tenant_id)"
                    + " VALUES (?, ?, ?, ?, ?)";

    private final JdbcOperations jdbc;

    public AuditTenants(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The heads of those of {@code tenantIds} that have one, by tenant. */
    public Map<String, AuditTenant> findAll(Collection<String> tenantIds) {
        Map<String, AuditTenant> heads = new HashMap<>();
        if (tenantIds.isEmpty()) {
            return heads;
        }
        jdbc.execute(connection -> {
            Rows.selectIn(connection, "SELECT * FROM audit_tenant WHERE tenant_id IN", tenantIds, row -> {
                AuditTenant head = read(row);
                heads.put(head.tenantId(), head);
            });
            return null;
        });
        return heads;
    }

    /** Writes heads, updating those of {@code stored} tenants and inserting the others. */
    void saveAll(Connection connection, Collection<AuditTenant> heads, Set<String> stored) throws SQLException {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (AuditTenant head : heads) {
            Object[] values = {head.plan(), head.lastSequence(), head.lastHash(), head.lastOccurredAt(), head.tenantId()
            };
            (stored.contains(head.tenantId()) ? updates : inserts).add(values);
        }
        Rows.executeBatch(connection, UPDATE, updates);
        Rows.executeBatch(connection, INSERT, inserts);
    }

    public void deleteAll() {
        jdbc.prepareStatement("DELETE FROM audit_tenant", statement -> statement.executeUpdate());
    }

    private static AuditTenant read(ResultSet row) throws SQLException {
        Timestamp lastOccurredAt = row.getTimestamp("last_occurred_at");
        return new AuditTenant(
                row.getString("tenant_id"),
                row.getString("plan"),
                row.getLong("last_sequence"),
                row.getString("last_hash"),
                lastOccurredAt.toInstant());
    }
}
