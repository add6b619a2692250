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
 * one-way digest the system stores instead of the key. Share-link tokens use the same format with
 * their own marker ({@link #withPrefix(String)}).
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
    private final String marker;
    private final Pattern format;

    public ApiKeySecrets() {
        this(new SecureRandom());
    }

    ApiKeySecrets(SecureRandom random) {
        this(KEY_PREFIX, random);
    }

    private ApiKeySecrets(String marker, SecureRandom random) {
        this.random = random;
        this.marker = marker;
        this.format = Pattern.compile("^" + Pattern.quote(marker) + "[A-Za-z0-9]{" + RANDOM_LENGTH + "}$");
    }

    /** The same format with another marker of eight characters, such as {@code sl_live_}. */
    public static ApiKeySecrets withPrefix(String marker) {
        if (marker.length() != KEY_PREFIX.length()) {
            throw new IllegalArgumentException("markers are " + KEY_PREFIX.length() + " characters");
        }
        return new ApiKeySecrets(marker, new SecureRandom());
    }

    /** The lookup hash of a presented secret of this format, or empty when it is not shaped like one. */
    public Optional<String> hashIfWellFormed(String candidate) {
        return candidate != null && format.matcher(candidate).matches()
                ? Optional.of(sha256Hex(candidate))
                : Optional.empty();
    }

    /** Generates a new secret and its digest. */
    public IssuedSecret generate() {
        var key = new StringBuilder(marker.length() + RANDOM_LENGTH).append(marker);
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
