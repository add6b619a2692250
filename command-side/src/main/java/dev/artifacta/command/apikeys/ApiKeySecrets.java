package dev.artifacta.command.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API key format ({@code ak_live_} and 32 alphanumeric characters from a CSPRNG) and the
 * one-way digest the system stores instead of the key.
 */
public final class ApiKeySecrets {

    public static final String KEY_PREFIX = "ak_live_";
    public static final int RANDOM_LENGTH = 32;
    /** The marker plus four random characters: enough to recognise a key, too little to guess it. */
    public static final int DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length() + 4;

    private static final Pattern FORMAT = Pattern.compile("^ak_live_[A-Za-z0-9]{32}$");
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random;

    public ApiKeySecrets() {
        this(new SecureRandom());
    }

    ApiKeySecrets(SecureRandom random) {
        this.random = random;
    }

    /** Generates a new key and its digest. */
    public IssuedSecret generate() {
        var key = new StringBuilder(KEY_PREFIX.length() + RANDOM_LENGTH).append(KEY_PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            // nextInt(bound) is unbiased, so every character is uniform over the 62 symbols.
            key.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        String raw = key.toString();
        return new IssuedSecret(raw, digestOf(raw));
    }

    /** True when the text has the shape of an API key (it may still be unknown or revoked). */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    /** The lookup hash of a presented key, or empty when it is not shaped like a key. */
    public static Optional<String> lookupHash(String candidate) {
        return isWellFormed(candidate) ? Optional.of(sha256Hex(candidate)) : Optional.empty();
    }

    static SecretDigest digestOf(String raw) {
        return new SecretDigest(
                raw.substring(0, DISPLAY_PREFIX_LENGTH), raw.substring(raw.length() - 4), sha256Hex(raw));
    }

    private static String sha256Hex(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
