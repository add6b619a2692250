package dev.artifacta.command.shared;

import java.util.regex.Pattern;

/**
 * Finds and masks text shaped like an API key, a share-link token or an OAuth client secret
 * ({@code ak_live_}, {@code sl_live_}, {@code cs_live_}, or an OAuth code or refresh token,
 * {@code ac_live_} or {@code rt_live_}, and at least eight letters or digits, so truncated ones count too). Used wherever text that may quote user input leaves the
 * system: rejection messages, problem details, stored names.
 */
public final class SecretText {

    private static final Pattern KEY_SHAPE = Pattern.compile("(ak|sl|cs|ac|rt)_live_[A-Za-z0-9]{8,}");
    private static final String MASK = "$1_live_[redacted]";

    private SecretText() {}

    public static boolean containsKey(String text) {
        return text != null && KEY_SHAPE.matcher(text).find();
    }

    /** Whether bytes (of any text encoding that keeps ASCII as ASCII) hold a key-shaped run. */
    public static boolean containsKey(byte[] bytes) {
        return bytes != null
                && KEY_SHAPE
                        .matcher(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .find();
    }

    /** The text with every key-shaped part masked; null stays null. */
    public static String redact(String text) {
        return text == null ? null : KEY_SHAPE.matcher(text).replaceAll(MASK);
    }
}
