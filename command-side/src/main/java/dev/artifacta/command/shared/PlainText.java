package dev.artifacta.command.shared;

import java.text.Normalizer;

/**
 * The one rule for text that names something: API key names, project names, artifact titles and
 * file names (docs/api.md, "Text fields"). Such text is a single line of Unicode: no C0 control
 * character (so no CR, LF or tab), no DEL, no C1 control character, no line or paragraph separator
 * (U+2028, U+2029) and no unpaired surrogate; what is accepted is stored in Unicode NFC, so a name
 * typed on a system that decomposes accents is the same name as one that does not. A control
 * character in a file name broke the {@code Content-Disposition} header it is sent back in (500),
 * and an unpaired surrogate was stored as '?'.
 */
public final class PlainText {

    private PlainText() {}

    /**
     * The value in NFC, or a rejection ({@code invalid-text}, 422) naming the field when the value
     * breaks the rule; null stays null.
     */
    public static String normalized(String field, String value) {
        return checked(field, value, false);
    }

    /**
     * Free text of several paragraphs (comment bodies): the same rule, except that line feeds and
     * tabs are allowed and a carriage return, alone or before a line feed, becomes a line feed. The
     * value comes back in NFC; null stays null.
     */
    public static String paragraphs(String field, String value) {
        if (value == null) {
            return null;
        }
        return checked(field, value.replace("\r\n", "\n").replace('\r', '\n'), true);
    }

    private static String checked(String field, String value, boolean paragraphs) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw refused(field, "an unpaired surrogate", paragraphs);
            }
            if (paragraphs && (c == '\n' || c == '\t')) {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                throw refused(field, String.format("the control character U+%04X", (int) c), paragraphs);
            }
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    private static InvalidRequest refused(String field, String what, boolean paragraphs) {
        return new InvalidRequest(
                "invalid-text",
                "The " + field + " contains " + what
                        + (paragraphs
                                ? "; text may hold line breaks and tabs but no other control character."
                                : "; names, titles and file names are a single line without control characters."));
    }
}
