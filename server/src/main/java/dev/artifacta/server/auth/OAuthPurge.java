package dev.artifacta.server.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the rows of access tokens, authorization codes and refresh tokens that expired more than
 * {@code artifacta.oauth.purge-after} (one day) ago: an expired one is refused by its expiry alone,
 * and issues and revocations stay in the events, so the tables need not grow for ever (a client
 * may get a token every few minutes). Every node runs it; the deletes are idempotent.
 */
@Singleton
public class OAuthPurge {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthPurge.class);

    private final OAuthTokenRepository tokens;
    private final OAuthGrants grants;
    private final Clock clock;
    private final Duration after;

    public OAuthPurge(
            OAuthTokenRepository tokens,
            OAuthGrants grants,
            Clock clock,
            @Value("${artifacta.oauth.purge-after:1d}") Duration after) {
        this.tokens = tokens;
        this.grants = grants;
        this.clock = clock;
        this.after = after;
    }

    @Scheduled(fixedDelay = "${artifacta.oauth.purge-interval:1h}", initialDelay = "5m")
    public long purge() {
        var before = clock.instant().minus(after);
        long deleted = tokens.deleteExpiredBefore(before) + grants.purgeExpiredBefore(before);
        if (deleted > 0) {
            LOG.info("Deleted {} OAuth token and code rows expired more than {} ago", deleted, after);
        }
        return deleted;
    }
}
