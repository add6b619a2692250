package dev.artifacta.server.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/** The idempotency records: one per scope and key, claimed before a POST runs and completed after. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IdempotencyRepository extends GenericRepository<IdempotencyRepository.IdempotencyRecord, String> {

    @MappedEntity("idempotency_record")
    record IdempotencyRecord(
            @Id String keyHash,
            String scope,
            String fingerprint,
            String state,
            @Nullable Integer status,
            @Nullable String headers,
            @Nullable byte[] body,
            boolean encrypted,
            Instant createdAt,
            Instant expiresAt) {}

    /** Claims the key; fails with a unique-key violation when a record holds it. */
    @Query("INSERT INTO idempotency_record (scope, key_hash, fingerprint, state, encrypted, created_at, expires_at)"
            + " VALUES (:scope, :keyHash, :fingerprint, 'in_progress', FALSE, :createdAt, :expiresAt)")
    void claim(String scope, String keyHash, String fingerprint, Instant createdAt, Instant expiresAt);

    @Query("SELECT * FROM idempotency_record WHERE scope = :scope AND key_hash = :keyHash")
    Optional<IdempotencyRecord> find(String scope, String keyHash);

    @Query("UPDATE idempotency_record SET state = 'completed', status = :status, headers = :headers, body = :body,"
            + " encrypted = :encrypted WHERE scope = :scope AND key_hash = :keyHash AND state = 'in_progress'")
    long complete(String scope, String keyHash, int status, String headers, byte[] body, boolean encrypted);

    /** Gives the key up (the request was refused or failed: a retry runs it anew). */
    @Query("DELETE FROM idempotency_record WHERE scope = :scope AND key_hash = :keyHash AND state = 'in_progress'")
    long release(String scope, String keyHash);

    @Query("DELETE FROM idempotency_record WHERE scope = :scope AND key_hash = :keyHash AND expires_at <= :now")
    long deleteIfExpired(String scope, String keyHash, Instant now);

    @Query("DELETE FROM idempotency_record WHERE expires_at <= :now")
    long purgeExpired(Instant now);
}
