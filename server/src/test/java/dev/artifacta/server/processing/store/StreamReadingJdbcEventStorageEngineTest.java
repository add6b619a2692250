package dev.artifacta.server.processing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** The stored-time fast path against Axon's own parser. */
class StreamReadingJdbcEventStorageEngineTest {

    @Test
    void storedTimesParseToTheInstantAxonParses() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            // From 1970 to about 2286, at millisecond precision, as Axon stores them.
            Instant instant = Instant.ofEpochMilli(random.nextLong(10_000_000_000_000L));
            String stored = DateTimeUtils.formatInstant(instant);

            assertThat(StreamReadingJdbcEventStorageEngine.parse(stored))
                    .isEqualTo(DateTimeUtils.parseInstant(stored))
                    .isEqualTo(instant);
        }
    }

    @Test
    void otherFormsAreParsedAsAxonParsesThem() {
        for (String other : new String[] {
            "2026-12-02T03:45:45Z",
            "2026-12-02T03:45:45.998123Z",
            "2026-12-02T04:45:45.998+01:00",
            "2024-02-29T23:59:59.999Z"
        }) {
            assertThat(StreamReadingJdbcEventStorageEngine.parse(other)).isEqualTo(DateTimeUtils.parseInstant(other));
        }
    }

    @Test
    void aTimeThatIsNotOneFailsAsAxonFails() {
        for (String notATime :
                new String[] {"2026-02-30T03:45:45.998Z", "2026-12-02T24:45:45.998Z", "2026-12-02T0a:45:45.998Z"}) {
            assertThatThrownBy(() -> StreamReadingJdbcEventStorageEngine.parse(notATime))
                    .isInstanceOf(DateTimeParseException.class);
        }
    }
}
