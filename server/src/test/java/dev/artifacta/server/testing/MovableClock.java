package dev.artifacta.server.testing;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests can move forward, replacing the server's clock when a test class sets
 * {@code artifacta.test.movable-clock=true}. Every command takes its time from the server's
 * clock, so moving it ages versions, keys and links as real time would.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = "artifacta.test.movable-clock", value = "true")
public class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).plus(offset.get());
    }
}
