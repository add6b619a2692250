package dev.artifacta.server.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * Authorization codes and refresh tokens of the authorization-code grant, by the SHA-256 of the
 * secret (the secret itself is never stored). Single use is a conditional update: of two requests
 * with one code or one refresh token, exactly one wins.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OAuthGrantRepository extends GenericRepository<OAuthGrantRepository.CodeRow, String> {

    @MappedEntity("oauth_authorization_code")
    record CodeRow(
            @Id String codeSha256,
            String grantId,
            String clientId,
            String tenantId,
            String userId,
            String scopes,
            String redirectUri,
            String codeChallenge,
            Instant createdAt,
            Instant expiresAt,
            @Nullable Instant usedAt) {}

    @MappedEntity("oauth_refresh_token")
    record RefreshRow(
            @Id String tokenSha256,
            String grantId,
            String clientId,
            String tenantId,
            String userId,
            String scopes,
            Instant issuedAt,
            Instant expiresAt,
            @Nullable Instant rotatedAt,
            @Nullable Instant revokedAt) {}

    @Query("INSERT INTO oauth_authorization_code (code_sha256, grant_id, client_id, tenant_id, user_id, scopes,"
            + " redirect_uri, code_challenge, created_at, expires_at) VALUES (:codeSha256, :grantId, :clientId,"
            + " :tenantId, :userId, :scopes, :redirectUri, :codeChallenge, :createdAt, :expiresAt)")
    void saveCode(
            String codeSha256,
            String grantId,
            String clientId,
            String tenantId,
            String userId,
            String scopes,
            String redirectUri,
            String codeChallenge,
            Instant createdAt,
            Instant expiresAt);

    @Query("SELECT * FROM oauth_authorization_code WHERE code_sha256 = :codeSha256")
    Optional<CodeRow> findCode(String codeSha256);

    /** Marks the code used; answers 1 for the one request that may redeem it, 0 for any other. */
    @Query("UPDATE oauth_authorization_code SET used_at = :at WHERE code_sha256 = :codeSha256 AND used_at IS NULL")
    long markCodeUsed(String codeSha256, Instant at);

    @Query("INSERT INTO oauth_refresh_token (token_sha256, grant_id, client_id, tenant_id, user_id, scopes,"
            + " issued_at, expires_at) VALUES (:tokenSha256, :grantId, :clientId, :tenantId, :userId, :scopes,"
            + " :issuedAt, :expiresAt)")
    void saveRefresh(
            String tokenSha256,
            String grantId,
            String clientId,
            String tenantId,
            String userId,
            String scopes,
            Instant issuedAt,
            Instant expiresAt);

    @Query("SELECT * FROM oauth_refresh_token WHERE token_sha256 = :tokenSha256")
    Optional<RefreshRow> findRefresh(String tokenSha256);

    /** Rotates the refresh token out; answers 1 for the one request that may use it, 0 for any other. */
    @Query("UPDATE oauth_refresh_token SET rotated_at = :at WHERE token_sha256 = :tokenSha256"
            + " AND rotated_at IS NULL AND revoked_at IS NULL")
    long markRefreshRotated(String tokenSha256, Instant at);

    /** Revokes every refresh token of the grant. */
    @Query("UPDATE oauth_refresh_token SET revoked_at = :at WHERE grant_id = :grantId AND revoked_at IS NULL")
    long revokeRefreshOfGrant(String grantId, Instant at);

    @Query("DELETE FROM oauth_authorization_code WHERE expires_at < :before")
    long deleteCodesExpiredBefore(Instant before);

    @Query("DELETE FROM oauth_refresh_token WHERE expires_at < :before")
    long deleteRefreshExpiredBefore(Instant before);
}
