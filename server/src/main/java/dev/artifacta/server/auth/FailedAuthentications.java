package dev.artifacta.server.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications (a key presented but malformed, unknown, revoked or expired) per
 * client address in fixed windows. Once an address has failed {@code max-failures} times in a
 * window, every request from it that presents a key is answered 429 until the window ends, before
 * the key is even looked up: guessing keys gets slow, and a guess that happens to be right is not
 * told apart from a wrong one. Counts live in each node's memory (a node restart forgives).
 */
@Singleton
public class FailedAuthentications {

    /** Addresses tracked at most; past it, finished windows are dropped first. */
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final int maxFailures;
    private final long windowMillis;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public FailedAuthentications(
            Clock clock,
            @Value("${artifacta.auth.failure-limit.max-failures:20}") int maxFailures,
            @Value("${artifacta.auth.failure-limit.window:1m}") Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
    }

    private record Window(long startMillis, int failures) {}

    /** Seconds until the address may try again, when it is over its limit. */
    public OptionalLong blockedFor(String address) {
        long now = clock.millis();
        Window window = windows.get(address);
        if (window == null || window.failures() < maxFailures || now >= window.startMillis() + windowMillis) {
            return OptionalLong.empty();
        }
        long remaining = window.startMillis() + windowMillis - now;
        return OptionalLong.of(Math.max(1, (remaining + 999) / 1000));
    }

    /** Counts one failure from the address. */
    public void recordFailure(String address) {
        long now = clock.millis();
        windows.compute(
                address,
                (key, window) -> window == null || now >= window.startMillis() + windowMillis
                        ? new Window(now, 1)
                        : new Window(window.startMillis(), window.failures() + 1));
        if (windows.size() > MAX_TRACKED) {
            windows.entrySet().removeIf(entry -> now >= entry.getValue().startMillis() + windowMillis);
            if (windows.size() > MAX_TRACKED) {
                windows.clear(); // an address flood: forgetting is safer than running out of memory
            }
        }
    }

    Instant now() {
        return clock.instant();
    }
}
