package dev.artifacta.command.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeySecretsTest {

    private static final Pattern KEY_FORMAT = Pattern.compile("^ak_live_[A-Za-z0-9]{32}$");
    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String VALID_KEY = "ak_live_" + "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f";

    private final ApiKeySecrets secrets = new ApiKeySecrets();

    @Test
    void generatedKeysHaveTheDocumentedFormat() {
        for (IssuedSecret secret : generated(1_000)) {
            String key = secret.revealOnce();

            assertThat(key).matches(KEY_FORMAT).hasSize(40);
            assertThat(ApiKeySecrets.isWellFormed(key)).isTrue();
        }
    }

    @Test
    void tenThousandGeneratedKeysAreDistinct() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(secrets.generate().revealOnce());
        }

        assertThat(keys).hasSize(10_000);
    }

    @Test
    void generatedKeysUseEveryLetterAndDigit() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String random = secrets.generate().revealOnce().substring(ApiKeySecrets.KEY_PREFIX.length());
            random.chars().forEach(c -> seen.add((char) c));
        }

        // 64,000 draws over 62 symbols: a symbol that never shows up means a broken alphabet.
        assertThat(seen).hasSize(ALPHABET.length());
        ALPHABET.chars().forEach(c -> assertThat(seen).contains((char) c));
    }

    @Test
    void digestShowsTheFirstTwelveAndLastFourCharactersOfTheKey() {
        for (IssuedSecret secret : generated(1_000)) {
            String key = secret.revealOnce();

            assertThat(secret.digest().prefix()).hasSize(12).isEqualTo(key.substring(0, 12));
            assertThat(key).startsWith(secret.digest().prefix());
            assertThat(secret.digest().last4()).hasSize(4).isEqualTo(key.substring(key.length() - 4));
        }
    }

    @Test
    void digestHashIsTheLowercaseHexSha256OfTheKey() throws Exception {
        for (IssuedSecret secret : generated(1_000)) {
            assertThat(secret.digest().sha256()).matches(SHA256_HEX).isEqualTo(sha256(secret.revealOnce()));
        }
    }

    @Test
    void hashOfAKnownKeyIsStable() throws Exception {
        // Stored hashes must keep matching presented keys: the digest is ASCII bytes, no salt, no encoding.
        assertThat(ApiKeySecrets.lookupHash(VALID_KEY)).contains(sha256(VALID_KEY));
        assertThat(ApiKeySecrets.digestOf(VALID_KEY))
                .isEqualTo(new SecretDigest("ak_live_Ab3d", "Cd4f", sha256(VALID_KEY)));
    }

    @Test
    void lookupHashOfAGeneratedKeyEqualsItsStoredDigest() {
        for (IssuedSecret secret : generated(1_000)) {
            assertThat(ApiKeySecrets.lookupHash(secret.revealOnce()))
                    .contains(secret.digest().sha256());
        }
    }

    @Test
    void issuedSecretNeverPrintsTheRawKey() {
        for (IssuedSecret secret : generated(1_000)) {
            String key = secret.revealOnce();
            String hidden = key.substring(ApiKeySecrets.DISPLAY_PREFIX_LENGTH, key.length() - 4);

            assertThat(secret.toString())
                    .doesNotContain(key)
                    .doesNotContain(hidden)
                    .doesNotContain(secret.digest().sha256())
                    .contains(secret.digest().prefix())
                    .contains(secret.digest().last4());
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "ak_test_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f", // wrong prefix
                "AK_LIVE_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f", // prefix is case sensitive
                "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f", // no prefix
                "ak_live_", // prefix only
                "ak_live_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4", // 31 characters
                "ak_live_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fG", // 33 characters
                "ak_live_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4-", // hyphen
                "ak_live_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4_", // underscore
                "ak_live_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4é", // non-ASCII letter
                "ak_live_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4٣", // non-ASCII digit
                "ak_live_Ab3dEf6hIj9lMn2pQr5tUv8 Yz1bCd4f", // space
                " ak_live_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f", // leading space
                "ak_live_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f\n", // trailing newline
                "Bearer ak_live_Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f" // whole header value
            })
    void malformedKeysAreRejected(String candidate) {
        assertThat(ApiKeySecrets.isWellFormed(candidate)).isFalse();
        assertThat(ApiKeySecrets.lookupHash(candidate)).isEmpty();
    }

    @Test
    void wellFormedKeyIsAccepted() {
        assertThat(ApiKeySecrets.isWellFormed(VALID_KEY)).isTrue();
        assertThat(ApiKeySecrets.lookupHash(VALID_KEY)).isPresent();
    }

    private List<IssuedSecret> generated(int count) {
        return Stream.generate(secrets::generate).limit(count).toList();
    }

    private static String sha256(String text) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash);
    }
}
