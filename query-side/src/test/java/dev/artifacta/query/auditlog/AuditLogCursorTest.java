package dev.artifacta.query.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cursors of {@link AuditLogQueries}: opaque, URL-safe, and only the ones the API handed out. */
class AuditLogCursorTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 1_000_000_007, Long.MAX_VALUE})
    void givenPosition_whenEncodedAndDecoded_thenSamePosition(long position) {
        String cursor = AuditLogQueries.encodeCursor(position);

        assertThat(AuditLogQueries.decodeCursor(cursor)).isEqualTo(position);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 42, Long.MAX_VALUE})
    void cursorIsUrlSafeAndDoesNotShowThePosition(long position) {
        String cursor = AuditLogQueries.encodeCursor(position);

        assertThat(cursor).matches("^[A-Za-z0-9_-]+$").doesNotContain(Long.toString(position));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageCursorIsInvalid(String cursor) {
        assertThatThrownBy(() -> AuditLogQueries.decodeCursor(cursor)).isInstanceOf(InvalidCursor.class);
    }

    static Stream<String> garbage() {
        return Stream.of(
                "",
                "not a cursor", // not base64
                "%%%%", // not base64
                "a1:42", // the text of a cursor, not encoded
                encoded("b1:42"), // another prefix
                encoded("42"), // no prefix
                encoded("a1:"), // no position
                encoded("a1:forty-two"), // not a number
                encoded("a1:99999999999999999999")); // beyond a long
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
