package dev.artifacta.server.auth;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

/** The generated token signing key, when none is configured (one row, written once). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OAuthSigningKeyRepository extends CrudRepository<OAuthSigningKeyRepository.KeyRow, String> {

    @MappedEntity("oauth_signing_key")
    record KeyRow(@Id String keyId, String privateJwk, Instant createdAt) {}

    /** The oldest key: when two nodes generate one at once, both then sign with the same. */
    @Query("SELECT * FROM oauth_signing_key ORDER BY created_at, key_id LIMIT 1")
    Optional<KeyRow> findFirst();
}
