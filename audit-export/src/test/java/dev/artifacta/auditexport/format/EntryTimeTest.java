package dev.artifacta.auditexport.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An entry's time is part of what the chain hashes, so its text may never change: the written
 * formatter must give, for every instant, what the pattern the format was defined with gives.
 */
class EntryTimeTest {

    private static final DateTimeFormatter DEFINED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void givenAnyInstantWhenFormattedThenTheTextIsThePatterns() {
        SplittableRandom random = new SplittableRandom(20261206);
        long min = Instant.parse("-0002-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+10001-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertThat(EntryDocument.time(instant)).as("%s", instant).isEqualTo(DEFINED.format(instant));
        }
    }

    @Test
    void givenTheEdgesOfDaysAndYearsWhenFormattedThenTheTextIsThePatterns() {
        for (String edge : new String[] {
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z",
            "2026-12-06T09:17:33.049000Z",
            "2024-02-29T12:00:00.000001Z",
            "2026-11-22T10:00:00.000000999Z",
            "0000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59.999999Z",
            "9999-12-31T23:59:59.999999999Z",
            "+10000-01-01T00:00:00Z"
        }) {
            Instant instant = Instant.parse(edge);
            assertThat(EntryDocument.time(instant)).as(edge).isEqualTo(DEFINED.format(instant));
        }
    }
}
