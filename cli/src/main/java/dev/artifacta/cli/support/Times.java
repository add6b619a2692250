package dev.artifacta.cli.support;

import dev.artifacta.cli.ExitCodes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Times on the command line: ISO-8601 instants, dates (midnight UTC), or ages such as 24h or 7d. */
public final class Times {

    private Times() {}

    /** An ISO-8601 instant (validated here, so a typo fails before any request). */
    public static String instant(String option, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant().toString();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(value).toString();
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDate.parse(value)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .toString();
                } catch (DateTimeParseException notDate) {
                    throw new CliException(
                            ExitCodes.USAGE,
                            option + " must be an ISO-8601 time such as 2026-06-30T12:00:00Z, got " + value);
                }
            }
        }
    }

    /** An instant, a date, or an age before now: 30m, 24h, 7d. */
    public static String instantOrAge(String option, String value, Instant now) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (lower.matches("\\d+[smhdw]")) {
            long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
            Duration age =
                    switch (lower.charAt(lower.length() - 1)) {
                        case 's' -> Duration.ofSeconds(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        case 'h' -> Duration.ofHours(amount);
                        case 'd' -> Duration.ofDays(amount);
                        default -> Duration.ofDays(7 * amount);
                    };
            return now.minus(age).toString();
        }
        return instant(option, value);
    }
}
