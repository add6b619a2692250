package dev.artifacta.query.infrastructure;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Rows in the text format of PostgreSQL's {@code COPY}: one line per row, values separated by tabs,
 * {@code \N} for null, and a backslash before each backslash, tab, line feed and carriage return
 * in a value (so that no value can end a value or a row, or read as {@code \N} or {@code \.}).
 */
final class CopyText {

    private CopyText() {}

    /** Appends {@code row} as one line, its line feed included. */
    static void row(StringBuilder text, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            value(text, row[i]);
        }
        text.append('\n');
    }

    private static void value(StringBuilder text, Object value) {
        switch (value) {
            case null -> text.append("\\N");
            case String s -> escaped(text, s);
            case Long number -> text.append(number.longValue());
            case Integer number -> text.append(number.intValue());
            case Boolean flag -> text.append(flag ? 't' : 'f');
            case Instant instant -> time(text, instant);
            default ->
                throw new IllegalArgumentException(
                        "No COPY text for a " + value.getClass().getName() + "; add it here");
        }
    }

    private static void escaped(StringBuilder text, String value) {
        // Values rarely hold one of the four characters. String.indexOf looks for one with vector
        // instructions; the loop below, a char at a time, was 18% of the audit copy's samples.
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            text.append(value);
            return;
        }
        // Copy the runs between them whole.
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char escape =
                    switch (value.charAt(i)) {
                        case '\\' -> '\\';
                        case '\t' -> 't';
                        case '\n' -> 'n';
                        case '\r' -> 'r';
                        default -> 0;
                    };
            if (escape != 0) {
                text.append(value, run, i).append('\\').append(escape);
                run = i + 1;
            }
        }
        if (run == 0) {
            text.append(value);
        } else {
            text.append(value, run, value.length());
        }
    }

    /**
     * {@code uuuu-mm-ddThh:mm:ss.ffffffZ}, UTC, rounded to the nearest microsecond (what PostgreSQL
     * keeps). Written by hand: {@code Instant.toString} was 8% of the audit
     * copy's samples. Years before 1 or after 9999 take the general form.
     */
    static void time(StringBuilder text, Instant instant) {
        long micros = Math.round(instant.getNano() / 1000.0);
        long seconds = instant.getEpochSecond();
        if (micros == 1_000_000) {
            seconds++;
            micros = 0;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        if (date.getYear() < 1 || date.getYear() > 9999) {
            text.append(Instant.ofEpochSecond(seconds, micros * 1000));
            return;
        }
        int second = (int) Math.floorMod(seconds, 86_400L);
        digits(text, date.getYear(), 4).append('-');
        digits(text, date.getMonthValue(), 2).append('-');
        digits(text, date.getDayOfMonth(), 2).append('T');
        digits(text, second / 3600, 2).append(':');
        digits(text, second / 60 % 60, 2).append(':');
        digits(text, second % 60, 2).append('.');
        digits(text, (int) micros, 6).append('Z');
    }

    /** {@code value} in exactly {@code width} decimal digits, zero-padded. */
    private static StringBuilder digits(StringBuilder text, int value, int width) {
        int scale = 1;
        for (int i = 1; i < width; i++) {
            scale *= 10;
        }
        for (; scale > 0; scale /= 10) {
            text.append((char) ('0' + value / scale % 10));
        }
        return text;
    }
}
