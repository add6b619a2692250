package dev.artifacta.command.sharing.infrastructure;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

/** The share-link lookup table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ShareLinkRegistryRepository extends CrudRepository<ShareLinkRow, String> {

    Optional<ShareLinkRow> findByTokenSha256(String tokenSha256);

    @Query("UPDATE share_link_registry SET revoked_at = :revokedAt WHERE link_id = :linkId")
    void markRevoked(String linkId, Instant revokedAt);
}
