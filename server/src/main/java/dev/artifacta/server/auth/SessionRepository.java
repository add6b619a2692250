package dev.artifacta.server.auth;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

/** Sessions of signed-in people (only the SHA-256 of each session's secret is kept). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SessionRepository extends CrudRepository<SessionRepository.SessionRow, String> {

    @MappedEntity("user_session")
    record SessionRow(
            @Id String sessionId,
            String tokenSha256,
            String tenantId,
            String userId,
            String email,
            String displayName,
            String issuer,
            Instant createdAt,
            Instant lastSeenAt,
            Instant absoluteExpiresAt,
            @Nullable Instant endedAt,
            @Nullable String endReason) {}

    /** A session with its workspace and the person's membership now: what one request reads. */
    @Introspected
    record ActiveSession(
            String sessionId,
            String tenantId,
            String tenantName,
            String plan,
            String userId,
            String email,
            String displayName,
            Instant lastSeenAt,
            Instant absoluteExpiresAt,
            @Nullable Instant endedAt,
            @Nullable String memberRole) {}

    @Query("SELECT s.session_id, s.tenant_id, t.name AS tenant_name, t.plan, s.user_id, s.email, s.display_name,"
            + " s.last_seen_at, s.absolute_expires_at, s.ended_at, m.role AS member_role"
            + " FROM user_session s JOIN tenant_registry t ON t.tenant_id = s.tenant_id"
            + " LEFT JOIN member_registry m ON m.membership_id = s.tenant_id || ':' || s.user_id"
            + " WHERE s.token_sha256 = :tokenSha256")
    Optional<ActiveSession> findActive(String tokenSha256);

    /** Records activity at most once a minute per session, so reads stay reads. */
    @Query("UPDATE user_session SET last_seen_at = :now WHERE session_id = :sessionId AND last_seen_at < :staleBefore")
    long touch(String sessionId, Instant now, Instant staleBefore);

    /** Ends a session once: 1 for the call that ended it, 0 when it had already ended. */
    @Query("UPDATE user_session SET ended_at = :now, end_reason = :reason WHERE session_id = :sessionId"
            + " AND ended_at IS NULL")
    long end(String sessionId, Instant now, String reason);

    /** Deletes the sessions that ended, or could no longer be used, before {@code before}. */
    @Query("DELETE FROM user_session WHERE (ended_at IS NOT NULL AND ended_at < :before)"
            + " OR absolute_expires_at < :before")
    long purgeEndedBefore(Instant before);
}
