package dev.artifacta.server.ops;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The one clock of the server; commands carry its time so aggregates never read a clock. */
@Factory
public class ClockFactory {

    /**
     * Microsecond ticks: the databases keep microseconds, so a time the server answers with is
     * exactly the one a later read returns.
     */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
