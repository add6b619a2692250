package dev.artifacta.events;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A scan of stored JSON for the string values of a few top-level members, without a parser: what
 * {@link EventJson#topLevelStrings} tries first. It reads the bytes once and allocates only the
 * values it returns; Jackson's streaming parser, set up per event and naming every member it passes,
 * was a tenth of the audit view's rebuild, once for the metadata and once more for the tenant every
 * segment sequences by.
 *
 * <p>It decides only what it reads plainly: a wanted name or value with an escape, a control
 * character or a byte outside ASCII, a wanted member that is neither a string nor null, and
 * anything that is not a well-formed object up to the last wanted member are {@link #UNDECIDED},
 * and the parser reads them. What it skips it checks only as far as needed to find its end.
 */
final class TopLevelScan {

    /** The scan's answer when the parser must decide. */
    static final Map<String, String> UNDECIDED = Map.of("", "");

    private TopLevelScan() {}

    static Map<String, String> strings(byte[] json, Set<String> names) {
        int n = json.length;
        int i = whitespace(json, 0);
        if (i >= n || json[i] != '{') {
            return UNDECIDED;
        }
        Map<String, String> values = new HashMap<>(2 * names.size());
        int seen = 0;
        i = whitespace(json, i + 1);
        if (i < n && json[i] == '}') {
            return values;
        }
        while (true) {
            if (i >= n || json[i] != '"') {
                return UNDECIDED;
            }
            int nameEnd = plainStringEnd(json, i + 1);
            if (nameEnd < 0) {
                return UNDECIDED;
            }
            String wanted = wanted(names, json, i + 1, nameEnd);
            i = whitespace(json, nameEnd + 1);
            if (i >= n || json[i] != ':') {
                return UNDECIDED;
            }
            i = whitespace(json, i + 1);
            if (i >= n) {
                return UNDECIDED;
            }
            if (wanted != null) {
                seen++;
                if (json[i] == '"') {
                    int end = plainStringEnd(json, i + 1);
                    if (end < 0) {
                        return UNDECIDED;
                    }
                    values.put(wanted, new String(json, i + 1, end - i - 1, StandardCharsets.US_ASCII));
                    i = end + 1;
                } else if (isNull(json, i)) {
                    i += 4; // left out, as the parser leaves it
                } else {
                    return UNDECIDED;
                }
                if (seen == names.size()) {
                    return values;
                }
            } else {
                i = valueEnd(json, i);
                if (i < 0) {
                    return UNDECIDED;
                }
            }
            i = whitespace(json, i);
            if (i >= n) {
                return UNDECIDED;
            }
            if (json[i] == '}') {
                return values;
            }
            if (json[i] != ',') {
                return UNDECIDED;
            }
            i = whitespace(json, i + 1);
        }
    }

    /** The name of {@code names} that bytes {@code from} to {@code to} spell, or null. */
    private static String wanted(Set<String> names, byte[] json, int from, int to) {
        int length = to - from;
        for (String name : names) {
            if (name.length() == length && spells(name, json, from)) {
                return name;
            }
        }
        return null;
    }

    private static boolean spells(String name, byte[] json, int from) {
        for (int k = 0; k < name.length(); k++) {
            if (json[from + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** {@code null} followed by what may follow a value. */
    private static boolean isNull(byte[] json, int i) {
        return i + 4 <= json.length
                && json[i] == 'n'
                && json[i + 1] == 'u'
                && json[i + 2] == 'l'
                && json[i + 3] == 'l'
                && (i + 4 == json.length || isDelimiter(json[i + 4]));
    }

    /**
     * The index of the quote ending a string whose text starts at {@code from}, if that text is
     * printable ASCII without escapes; else -1.
     */
    private static int plainStringEnd(byte[] json, int from) {
        for (int i = from; i < json.length; i++) {
            byte b = json[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || b < 0x20) { // negative: a byte outside ASCII
                return -1;
            }
        }
        return -1;
    }

    /** The index just after the value starting at {@code i}, or -1 if it does not end. */
    private static int valueEnd(byte[] json, int i) {
        int depth = 0;
        for (; i < json.length; i++) {
            byte b = json[i];
            switch (b) {
                case '"' -> {
                    i = skippedStringEnd(json, i + 1);
                    if (i < 0) {
                        return -1;
                    }
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (depth == 0) {
                        return i; // a scalar's end
                    }
                    if (--depth == 0) {
                        return i + 1;
                    }
                }
                default -> {
                    if (depth == 0 && (b == ',' || isWhitespace(b))) {
                        return i;
                    }
                }
            }
        }
        return depth == 0 ? i : -1;
    }

    /** The index of the quote ending a string whose text starts at {@code from}, escapes skipped; -1 if none. */
    private static int skippedStringEnd(byte[] json, int from) {
        for (int i = from; i < json.length; i++) {
            if (json[i] == '\\') {
                i++;
            } else if (json[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int whitespace(byte[] json, int i) {
        while (i < json.length && isWhitespace(json[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '}' || b == ']' || isWhitespace(b);
    }
}
