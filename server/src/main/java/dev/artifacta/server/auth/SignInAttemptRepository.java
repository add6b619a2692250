package dev.artifacta.server.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/** Sign-ins under way, by the SHA-256 of their state; each is used once. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SignInAttemptRepository extends CrudRepository<SignInAttemptRepository.Attempt, String> {

    @MappedEntity("sign_in_attempt")
    record Attempt(
            @Id String stateSha256,
            String nonce,
            String codeVerifier,
            @Nullable String workspace,
            Instant createdAt) {}

    /** Uses the attempt: 1 for the one caller that did, 0 for any other (a replayed callback). */
    @Query("DELETE FROM sign_in_attempt WHERE state_sha256 = :stateSha256")
    long deleteOnce(String stateSha256);

    @Query("DELETE FROM sign_in_attempt WHERE created_at < :before")
    void deleteStartedBefore(Instant before);
}
