package dev.artifacta.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The paging rules the lists share with the audit log: {@code limit} 1 to {@value #MAX_LIMIT}
 * ({@value #DEFAULT_LIMIT} by default), and an opaque {@code cursor} that names the last item of
 * the page before (keyset paging: pages neither repeat nor skip an item while others are added).
 * A cursor is base64url of {@code <kind>:<part>:…}, so a cursor of one list is refused by another.
 */
public final class Pages {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private static final Pattern SAFE_PART = Pattern.compile("^[A-Za-z0-9._~-]{1,100}$");

    private Pages() {}

    /** The page size asked for, or the default; 400 {@code invalid-limit} outside 1 to 200. */
    public static int limit(Integer requested) {
        int size = requested == null ? DEFAULT_LIMIT : requested;
        if (size < 1 || size > MAX_LIMIT) {
            throw Problems.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return size;
    }

    /** A cursor of the given kind naming an item by its parts (letters, digits, '.', '_', '~', '-'). */
    public static String cursor(String kind, String... parts) {
        for (String part : parts) {
            if (!SAFE_PART.matcher(part).matches()) {
                throw new IllegalArgumentException("not a cursor part: " + part);
            }
        }
        String text = kind + ":" + String.join(":", parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The parts of a cursor this API handed out for lists of {@code kind}, each accepted by its
     * check; 400 {@code invalid-cursor} for anything else.
     */
    @SafeVarargs
    public static List<String> parts(String cursor, String kind, Predicate<String>... checks) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            List<String> parts = List.of(text.split(":", -1));
            if (parts.size() == checks.length + 1 && parts.getFirst().equals(kind)) {
                List<String> values = parts.subList(1, parts.size());
                boolean valid = true;
                for (int i = 0; i < checks.length; i++) {
                    valid &= SAFE_PART.matcher(values.get(i)).matches() && checks[i].test(values.get(i));
                }
                if (valid) {
                    return values;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw invalidCursor();
    }

    /** A part that is a whole number (of at most 18 digits), as versions and times are. */
    public static boolean isNumber(String part) {
        return part.matches("^-?[0-9]{1,18}$");
    }

    public static ProblemException invalidCursor() {
        return Problems.badRequest("invalid-cursor", "The cursor is not one this API returned.");
    }
}
