package dev.artifacta.server.auth;

import dev.artifacta.events.Actor;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.events.SessionEvent;
import dev.artifacta.events.SessionExpired;
import dev.artifacta.events.UserSignedIn;
import dev.artifacta.events.UserSignedOut;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.access.Role;
import dev.artifacta.server.auth.SessionRepository.ActiveSession;
import dev.artifacta.server.auth.SessionRepository.SessionRow;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

/**
 * Sessions of signed-in people, kept in the database so that every node sees a sign-out at once.
 * A session's secret goes to the browser once, in an {@code HttpOnly} cookie; the server keeps only
 * its SHA-256. The CSRF token is derived from the secret (an HMAC), so it needs no storage and
 * proves the sender could read the session's own response. Sign-in, sign-out and expiry are events
 * in the workspace's audit trail.
 */
@Singleton
public class Sessions {

    public static final String COOKIE = "artifacta_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PREFIX = "as_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session just started: its secret (for the cookie, once) and its row. */
    public record Started(String token, String csrfToken, SessionRow session) {}

    /** Why a presented session does not authenticate. */
    public enum Refusal {
        UNKNOWN("The session is not recognised; sign in again."),
        ENDED("The session has ended; sign in again."),
        IDLE("The session expired after inactivity; sign in again."),
        ABSOLUTE("The session reached its maximum age; sign in again."),
        NOT_A_MEMBER("You are no longer a member of this workspace.");

        private final String detail;

        Refusal(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** The outcome of presenting a session: its principal, or why not. */
    public sealed interface Resolution {}

    public record Valid(Principal.User user, ActiveSession session) implements Resolution {}

    public record Refused(Refusal refusal) implements Resolution {}

    private final SessionRepository sessions;
    private final EventStore events;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    public Sessions(
            SessionRepository sessions,
            EventStore events,
            Clock clock,
            @Value("${artifacta.auth.session.idle-timeout:30m}") Duration idle,
            @Value("${artifacta.auth.session.absolute-timeout:12h}") Duration absolute) {
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    public Duration absoluteTimeout() {
        return absolute;
    }

    public Duration idleTimeout() {
        return idle;
    }

    /** Starts a session for a person in a workspace and records the sign-in. */
    public Started start(
            String tenantId,
            String userId,
            String email,
            String displayName,
            String issuer,
            String subject,
            RequestInfo request) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        SessionRow row = new SessionRow(
                UUID.randomUUID().toString(),
                sha256(token),
                tenantId,
                userId,
                email,
                displayName,
                issuer,
                now,
                now,
                now.plus(absolute),
                null,
                null);
        sessions.save(row);
        publish(
                new UserSignedIn(tenantId, userId, email, displayName, row.sessionId(), issuer, subject, now),
                Actor.person(userId, email, displayName),
                request);
        return new Started(token, csrfTokenOf(token), row);
    }

    /** The session a presented secret names, if it still authenticates; an expired one is ended here. */
    public Resolution resolve(String token, RequestInfo request) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return new Refused(Refusal.UNKNOWN);
        }
        Optional<ActiveSession> found = sessions.findActive(sha256(token));
        if (found.isEmpty()) {
            return new Refused(Refusal.UNKNOWN);
        }
        ActiveSession session = found.get();
        Instant now = clock.instant();
        if (session.endedAt() != null) {
            return new Refused(Refusal.ENDED);
        }
        if (!now.isBefore(session.absoluteExpiresAt())) {
            expire(session, "absolute", request);
            return new Refused(Refusal.ABSOLUTE);
        }
        if (!now.isBefore(session.lastSeenAt().plus(idle))) {
            expire(session, "idle", request);
            return new Refused(Refusal.IDLE);
        }
        Optional<Role> role = Role.parse(session.memberRole());
        if (session.memberRole() == null || role.isEmpty()) {
            return new Refused(Refusal.NOT_A_MEMBER);
        }
        sessions.touch(session.sessionId(), now, now.minusSeconds(60));
        var tenancy = new Principal.Tenancy(session.tenantId(), session.tenantName(), session.plan());
        return new Valid(
                new Principal.User(tenancy, session.userId(), session.email(), session.displayName(), role.get(), true),
                session);
    }

    /** Ends the session on the server (sign-out); every node refuses it from now on. */
    public void signOut(String sessionId, Principal.User user, RequestInfo request) {
        Instant now = clock.instant();
        if (sessions.end(sessionId, now, "signed-out") == 1) {
            publish(new UserSignedOut(user.tenant().id(), user.userId(), sessionId, now), user.actor(), request);
        }
    }

    /** When the session stops authenticating whatever its activity. */
    public Instant absoluteExpiryOf(String sessionId) {
        return sessions.findById(sessionId).map(SessionRow::absoluteExpiresAt).orElseThrow();
    }

    /** When the session stops authenticating if left idle from now. */
    public Instant idleExpiryFrom(Instant lastSeen) {
        return lastSeen.plus(idle);
    }

    private void expire(ActiveSession session, String reason, RequestInfo request) {
        Instant now = clock.instant();
        if (sessions.end(session.sessionId(), now, "expired-" + reason) == 1) {
            publish(
                    new SessionExpired(session.tenantId(), session.userId(), session.sessionId(), reason, now),
                    Actor.person(session.userId(), session.email(), session.displayName()),
                    request);
        }
    }

    void publish(SessionEvent event, Actor actor, RequestInfo request) {
        events.publish(List.of(GenericEventMessage.asEventMessage(event)
                .andMetaData(MetaData.from(AuditMetadata.of(actor, request)))));
    }

    /** The CSRF token that goes with a session's secret. */
    public static String csrfTokenOf(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal("artifacta-csrf".getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the presented CSRF token belongs to the session (compared in constant time). */
    public static boolean csrfMatches(String token, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        csrfTokenOf(token).getBytes(StandardCharsets.UTF_8),
                        presented.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
