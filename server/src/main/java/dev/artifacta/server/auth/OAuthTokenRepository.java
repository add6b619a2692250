package dev.artifacta.server.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/**
 * Access tokens issued to OAuth clients, by id ({@code jti}): the token itself is a signed JWT and
 * never stored. Read on every request a token authenticates, so a revocation holds on every node.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OAuthTokenRepository extends CrudRepository<OAuthTokenRepository.TokenRow, String> {

    @MappedEntity("oauth_access_token")
    record TokenRow(
            @Id String tokenId,
            String clientId,
            String tenantId,
            String scopes,
            Instant issuedAt,
            Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable String actingForUserId,
            @Nullable String grantId) {}

    /** Marks the token revoked; answers how many rows changed (0: unknown or already revoked). */
    @Query("UPDATE oauth_access_token SET revoked_at = :at WHERE token_id = :tokenId AND revoked_at IS NULL")
    long markRevoked(String tokenId, Instant at);

    /** The ids of a grant's tokens not yet revoked. */
    @Query("SELECT token_id FROM oauth_access_token WHERE grant_id = :grantId AND revoked_at IS NULL")
    List<String> findUnrevokedOfGrant(String grantId);

    /** Expired tokens are refused by their signature's expiry alone: their rows can go. */
    @Query("DELETE FROM oauth_access_token WHERE expires_at < :before")
    long deleteExpiredBefore(Instant before);
}
