package dev.artifacta.command.oauthclients.infrastructure;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The OAuth client lookup table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OAuthClientRegistryRepository extends CrudRepository<OAuthClientRow, String> {

    /** The client, its tenant and the member its tokens act for (their workspace role now). */
    @Query("SELECT c.client_id, c.name AS client_name, c.scopes, c.grant_types, c.redirect_uris, c.secret_sha256,"
            + " c.identity_type, c.identity_name, c.disabled, t.tenant_id, t.name AS tenant_name, t.plan,"
            + " m.role AS member_role, m.display_name AS member_name"
            + " FROM oauth_client_registry c JOIN tenant_registry t ON t.tenant_id = c.tenant_id"
            + " LEFT JOIN member_registry m ON c.identity_type = 'user' AND m.tenant_id = c.tenant_id"
            + " AND m.email = LOWER(c.identity_name)"
            + " WHERE c.client_id = :clientId")
    Optional<OAuthClientWithTenant> findWithTenant(String clientId);

    List<OAuthClientRow> findByTenantIdOrderByRegisteredAt(String tenantId);

    Optional<OAuthClientRow> findByTenantIdAndClientId(String tenantId, String clientId);

    @Query("UPDATE oauth_client_registry SET secret_prefix = :prefix, secret_last4 = :last4,"
            + " secret_sha256 = :sha256, updated_at = :at WHERE client_id = :clientId")
    void updateSecret(String clientId, String prefix, String last4, String sha256, Instant at);

    @Query("UPDATE oauth_client_registry SET disabled = TRUE, updated_at = :at WHERE client_id = :clientId")
    void markDisabled(@Id String clientId, Instant at);
}
