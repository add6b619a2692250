package dev.artifacta.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailedAuthenticationsTest {

    private static final String GUESS = "ak_live_Zz9x" + "Q".repeat(28);

    private final MovableClock clock = new MovableClock();
    private final FailedAuthentications failures = new FailedAuthentications(clock, 5, Duration.ofMinutes(1));

    @Test
    void givenFiveFailuresFromAnAddress_thenItIsBlockedForTheRestOfTheWindow_only() {
        for (int i = 0; i < 5; i++) {
            failures.recordFailure("203.0.113.7", "ak_live_" + i + "xxxxxxxxxxxx");
        }

        assertThat(failures.blockedFor("203.0.113.7", "ak_live_other-key").getAsLong())
                .isBetween(59L, 60L);
        assertThat(failures.blockedFor("203.0.113.8", "ak_live_other-key")).isEmpty();
        clock.advance(Duration.ofSeconds(45));
        assertThat(failures.blockedFor("203.0.113.7", "ak_live_other-key").getAsLong())
                .isBetween(14L, 15L);
        clock.advance(Duration.ofSeconds(16));
        assertThat(failures.blockedFor("203.0.113.7", "ak_live_other-key")).isEmpty();
    }

    @Test
    void givenFiveFailuresWithOneKeyPrefixFromRotatingAddresses_thenThePrefixIsBlocked() {
        for (int i = 0; i < 5; i++) {
            failures.recordFailure("198.51.100." + i, GUESS);
        }

        assertThat(failures.blockedFor("198.51.100.99", GUESS)).isPresent();
        assertThat(failures.blockedFor("198.51.100.99", "ak_live_Ab3d" + "Q".repeat(28)))
                .isEmpty();
    }

    @Test
    void givenAFloodOfNewAddresses_thenABlockedAddressIsNotForgiven() {
        for (int i = 0; i < 5; i++) {
            failures.recordFailure("203.0.113.7", GUESS);
        }

        for (int i = 0; i < 150_000; i++) {
            failures.recordFailure("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), null);
            if (i % 1000 == 0) {
                failures.blockedFor("203.0.113.7", null);
            }
        }

        assertThat(failures.blockedFor("203.0.113.7", null)).isPresent();
    }
}
