package dev.artifacta.server.oauthclients;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/**
 * Clients that registered themselves (RFC 7591) and are not yet approved in any workspace. Public
 * clients only: nothing here is secret.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PendingClientRepository extends CrudRepository<PendingClientRepository.PendingClient, String> {

    @MappedEntity("oauth_pending_client")
    record PendingClient(
            @Id String clientId,
            String name,
            String scopes,
            String grantTypes,
            String redirectUris,
            Instant registeredAt) {}

    @Query("DELETE FROM oauth_pending_client WHERE registered_at < :before")
    long deleteRegisteredBefore(Instant before);
}
