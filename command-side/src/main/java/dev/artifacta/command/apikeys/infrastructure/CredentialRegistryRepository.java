package dev.artifacta.command.apikeys.infrastructure;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

/** The credential lookup table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CredentialRegistryRepository extends CrudRepository<CredentialRow, String> {

    /**
     * Authentication's one round trip: the credential, its tenant and, for a key acting as an
     * agent, the agent as it is now (name, role, disabled), or for a key acting as a user, that
     * user's workspace role now, by the key's hash.
     */
    @Query("SELECT c.key_id, c.name AS key_name, c.prefix, c.last4, c.scopes, c.identity_type, c.identity_name,"
            + " c.identity_agent_id, c.expires_at, c.revoked_at, t.tenant_id, t.name AS tenant_name, t.plan,"
            + " m.role AS member_role, m.display_name AS member_name, a.name AS agent_name, a.role AS agent_role, a.disabled AS agent_disabled,"
            + " a.sponsor_id AS agent_sponsor_id"
            + " FROM credential_registry c JOIN tenant_registry t ON t.tenant_id = c.tenant_id"
            + " LEFT JOIN agent_registry a ON a.agent_id = c.identity_agent_id"
            + " LEFT JOIN member_registry m ON c.identity_type = 'user' AND m.tenant_id = c.tenant_id"
            + " AND m.email = LOWER(c.identity_name)"
            + " WHERE c.secret_sha256 = :secretSha256")
    Optional<CredentialWithTenant> findWithTenant(String secretSha256);

    /**
     * What a key's creation or rename checks, in one round trip: the tenant's active keys ({@code
     * active}) and those of them holding {@code name} ({@code named}; none when {@code name} is
     * null).
     *
     * <p>The active keys are the keys that never expire plus those expiring after {@code now}: two
     * ranges of the index of unrevoked keys by expiry (V25), each ordered by expiry so that this
     * index is the plan's only sensible choice. The server keeps a prepared statement's generic plan
     * per connection, often made while the table was small and without statistics; with {@code
     * expires_at IS NULL OR expires_at > :now} in one filter, or either part unordered, that plan
     * scanned every key the tenant ever had ({@code KeyCreationPlansIT}).
     */
    @Query("SELECT (SELECT COUNT(*) FROM (SELECT expires_at FROM credential_registry WHERE tenant_id = :tenantId"
            + " AND revoked_at IS NULL AND expires_at IS NULL ORDER BY expires_at) never_expiring)"
            + " + (SELECT COUNT(*) FROM (SELECT expires_at FROM credential_registry WHERE tenant_id = :tenantId"
            + " AND revoked_at IS NULL AND expires_at > :now ORDER BY expires_at) expiring_later) AS active,"
            + " (SELECT COUNT(*) FROM credential_registry WHERE tenant_id = :tenantId AND active_name = :name"
            + " AND (expires_at IS NULL OR expires_at > :now)) AS named")
    ActiveKeys countActive(String tenantId, @Nullable String name, Instant now);

    /** A tenant's active keys, and how many of them hold the name asked about. */
    @Introspected
    record ActiveKeys(long active, long named) {}

    /**
     * A new key's row, unless the key is already there (its event handled before): one statement,
     * where asking first and then inserting took two round trips. Written for PostgreSQL and H2
     * alike; the times are cast because a parameter in a select list has no type of its own. The
     * named parameters are the row's properties.
     */
    @Query("INSERT INTO credential_registry (key_id, tenant_id, name, active_name, secret_sha256, prefix, last4,"
            + " scopes, identity_type, identity_name, identity_agent_id, expires_at, created_at, revoked_at)"
            + " SELECT :keyId, :tenantId, :name, :activeName, :secretSha256, :prefix, :last4, :scopes,"
            + " :identityType, :identityName, :identityAgentId, CAST(:expiresAt AS TIMESTAMP WITH TIME ZONE),"
            + " CAST(:createdAt AS TIMESTAMP WITH TIME ZONE), CAST(:revokedAt AS TIMESTAMP WITH TIME ZONE)"
            + " WHERE NOT EXISTS (SELECT 1 FROM credential_registry WHERE key_id = :keyId)")
    void insertIfAbsent(CredentialRow row);

    /** An expired key gives its name up when a new key takes it. */
    @Query("UPDATE credential_registry SET active_name = NULL WHERE tenant_id = :tenantId AND active_name = :name"
            + " AND expires_at IS NOT NULL AND expires_at <= :now")
    void releaseExpiredName(String tenantId, String name, Instant now);

    /** A renamed key keeps holding its (new) name while it holds one at all. */
    @Query("UPDATE credential_registry SET name = :name,"
            + " active_name = CASE WHEN active_name IS NULL THEN NULL ELSE :name END WHERE key_id = :keyId")
    void rename(String keyId, String name);

    /** Keys of revision 1 that act as an agent named only by name, for {@code LegacyAgents}. */
    @Query("SELECT * FROM credential_registry WHERE identity_type = 'agent' AND identity_agent_id IS NULL")
    java.util.List<CredentialRow> findAgentKeysWithoutAgentId();

    @Query("UPDATE credential_registry SET identity_agent_id = :agentId WHERE key_id = :keyId")
    void assignAgent(String keyId, String agentId);

    /** The active keys acting as a user of the tenant (named by email), for revoking them when they leave. */
    @Query("SELECT * FROM credential_registry WHERE tenant_id = :tenantId AND identity_type = 'user'"
            + " AND LOWER(identity_name) = :email AND revoked_at IS NULL")
    java.util.List<CredentialRow> findActiveUserKeys(String tenantId, String email);

    @Query("UPDATE credential_registry SET revoked_at = :revokedAt, active_name = NULL WHERE key_id = :keyId")
    void markRevoked(String keyId, Instant revokedAt);
}
