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
    void givenSequence_whenEncodedAndDecoded_thenSameSequenceAndOrder(long sequence) {
        assertThat(AuditLogQueries.decodeCursor(AuditLogQueries.encodeCursor(false, sequence))
                        .sequence())
                .isEqualTo(sequence);
        assertThat(AuditLogQueries.decodeCursor(AuditLogQueries.encodeCursor(false, sequence))
                        .ascending())
                .isFalse();
        assertThat(AuditLogQueries.decodeCursor(AuditLogQueries.encodeCursor(true, sequence))
                        .ascending())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 42, Long.MAX_VALUE})
    void cursorIsUrlSafeAndDoesNotShowThePosition(long position) {
        String cursor = AuditLogQueries.encodeCursor(false, position);

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
                "a2:desc:42", // the text of a cursor, not encoded
                encoded("a1:42"), // the previous format
                encoded("b1:desc:42"), // another prefix
                encoded("42"), // no prefix
                encoded("a2:sideways:42"), // no order
                encoded("a2:desc:"), // no sequence
                encoded("a2:asc:forty-two"), // not a number
                encoded("a2:desc:99999999999999999999")); // beyond a long
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
