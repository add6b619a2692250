package dev.artifacta.server.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the session rows nobody can use any more once they are {@code artifacta.auth.session.retention}
 * (30 days) past their end or their absolute expiry: sign-ins and sign-outs stay in the events, so
 * the table need not grow for ever. Every node runs it; the delete is idempotent.
 */
@Singleton
public class SessionPurge {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPurge.class);

    private final SessionRepository sessions;
    private final Clock clock;
    private final Duration retention;

    public SessionPurge(
            SessionRepository sessions,
            Clock clock,
            @Value("${artifacta.auth.session.retention:30d}") Duration retention) {
        this.sessions = sessions;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "${artifacta.auth.session.purge-interval:1h}", initialDelay = "5m")
    public long purge() {
        long deleted = sessions.purgeEndedBefore(clock.instant().minus(retention));
        if (deleted > 0) {
            LOG.info("Deleted {} session rows ended more than {} ago", deleted, retention);
        }
        return deleted;
    }
}
