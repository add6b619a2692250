package dev.artifacta.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void asciiFileNamesStayReadableInBothParameters() {
        assertThat(ContentDisposition.inline("notes-v2.md"))
                .isEqualTo("inline; filename=\"notes-v2.md\"; filename*=UTF-8''notes-v2.md");
    }

    /** Stored before the text rule refused it: must still make a valid header, not a 500. */
    @Test
    void aStoredCrLfCannotBreakTheHeader() {
        String header = ContentDisposition.inline("a\r\nSet-Cookie: x=1");

        assertThat(header).doesNotContain("\r").doesNotContain("\n");
        assertThat(header)
                .isEqualTo("inline; filename=\"a__Set-Cookie: x=1\"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1");
    }

    @Test
    void nonAsciiIsPercentEncodedAsUtf8() {
        assertThat(ContentDisposition.attachment("日本.txt"))
                .isEqualTo("attachment; filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt");
    }
}
