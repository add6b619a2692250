package dev.artifacta.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Counts failed authentications (a key presented but malformed, unknown, revoked or expired) per
 * client address and per presented key prefix, in fixed windows, in each node's memory (Caffeine
 * caches, bounded in size: an address flood evicts the least used windows, it never forgives every
 * address at once). Once an address or a prefix has failed {@code max-failures} times in a window,
 * invalid keys from it get 429 until the window ends. A valid key is never refused: a shared NAT
 * or CI runner whose neighbour guesses keys keeps working, and a right guess is no more visible
 * than it was (200 against 401 or 429).
 */
@Singleton
public class FailedAuthentications {

    /** Windows tracked at most per dimension. */
    private static final int MAX_TRACKED = 100_000;
    /** Characters of a presented key that name its prefix (as shown to users: {@code ak_live_Ab3d}). */
    private static final int PREFIX_LENGTH = 12;

    private final Clock clock;
    private final int maxFailures;
    private final long windowMillis;
    private final Cache<String, Window> byAddress;
    private final Cache<String, Window> byPrefix;

    public FailedAuthentications(
            Clock clock,
            @Value("${artifacta.auth.failure-limit.max-failures:20}") int maxFailures,
            @Value("${artifacta.auth.failure-limit.window:1m}") Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.byAddress = windows();
        this.byPrefix = windows();
    }

    private record Window(long startMillis, int failures) {}

    private Cache<String, Window> windows() {
        return Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .executor(Runnable::run)
                // The server's clock, so that a window ends when the rest of the server says it does.
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, Window>() {
                    @Override
                    public long expireAfterCreate(String key, Window value, long currentTime) {
                        return Duration.ofMillis(windowMillis).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Window value, long currentTime, long currentDuration) {
                        return currentDuration; // fixed windows: a failure does not extend its window
                    }

                    @Override
                    public long expireAfterRead(String key, Window value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** Seconds until invalid keys from this address or with this key's prefix are answered 401 again. */
    public OptionalLong blockedFor(String address, String presentedKey) {
        long now = clock.millis();
        long remaining = Math.max(remaining(byAddress, address, now), remaining(byPrefix, prefixOf(presentedKey), now));
        return remaining > 0 ? OptionalLong.of(Math.max(1, (remaining + 999) / 1000)) : OptionalLong.empty();
    }

    /** Counts one failure from the address with the presented key. */
    public void recordFailure(String address, String presentedKey) {
        long now = clock.millis();
        count(byAddress, address, now);
        count(byPrefix, prefixOf(presentedKey), now);
    }

    private long remaining(Cache<String, Window> windows, String key, long now) {
        Window window = key == null ? null : windows.getIfPresent(key);
        if (window == null || window.failures() < maxFailures) {
            return 0;
        }
        return window.startMillis() + windowMillis - now;
    }

    private void count(Cache<String, Window> windows, String key, long now) {
        if (key == null) {
            return;
        }
        windows.asMap()
                .compute(
                        key,
                        (k, window) -> window == null || now >= window.startMillis() + windowMillis
                                ? new Window(now, 1)
                                : new Window(window.startMillis(), window.failures() + 1));
    }

    /** The display prefix of a presented key, or null when it is too short to have one. */
    private static String prefixOf(String presentedKey) {
        return presentedKey == null || presentedKey.length() < PREFIX_LENGTH
                ? null
                : presentedKey.substring(0, PREFIX_LENGTH);
    }
}
