package dev.artifacta.command.shared;

import java.util.regex.Pattern;

/**
 * Finds and masks text shaped like an API key ({@code ak_live_} and at least eight letters or
 * digits, so truncated keys count too). Used wherever text that may quote user input leaves the
 * system: rejection messages, problem details, stored names.
 */
public final class SecretText {

    private static final Pattern KEY_SHAPE = Pattern.compile("ak_live_[A-Za-z0-9]{8,}");
    private static final String MASK = "ak_live_[redacted]";

    private SecretText() {}

    public static boolean containsKey(String text) {
        return text != null && KEY_SHAPE.matcher(text).find();
    }

    /** The text with every key-shaped part masked; null stays null. */
    public static String redact(String text) {
        return text == null ? null : KEY_SHAPE.matcher(text).replaceAll(MASK);
    }
}
