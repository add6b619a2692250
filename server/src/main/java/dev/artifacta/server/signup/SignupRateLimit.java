package dev.artifacta.server.signup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Signup attempts per client address in fixed windows: {@code max-signups} per {@code window},
 * then 429 until the window ends. Attempts are counted before the body is read, refused ones
 * included. Windows live in a bounded Caffeine cache (least recently used addresses go first when
 * an address flood fills it), in each node's memory: a restart forgives, and with several nodes an
 * address gets the limit once per node.
 */
@Singleton
public class SignupRateLimit {

    /** Addresses tracked at most. */
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final int maxSignups;
    private final long windowMillis;
    private final Cache<String, Window> windows;

    public SignupRateLimit(
            Clock clock,
            @Value("${artifacta.signup.rate-limit.max-signups:10}") int maxSignups,
            @Value("${artifacta.signup.rate-limit.window:1h}") Duration window) {
        this.clock = clock;
        this.maxSignups = maxSignups;
        this.windowMillis = window.toMillis();
        this.windows = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterWrite(window)
                .build();
    }

    private record Window(long startMillis, int attempts) {}

    /**
     * Counts an attempt from the address; empty when it is within the limit, else the seconds until
     * the address may try again.
     */
    public OptionalLong attempt(String address) {
        long now = clock.millis();
        Window window = windows.asMap()
                .compute(
                        address,
                        (key, current) -> current == null || now >= current.startMillis() + windowMillis
                                ? new Window(now, 1)
                                : new Window(current.startMillis(), current.attempts() + 1));
        if (window.attempts() <= maxSignups) {
            return OptionalLong.empty();
        }
        long remaining = window.startMillis() + windowMillis - now;
        return OptionalLong.of(Math.max(1, (remaining + 999) / 1000));
    }
}
