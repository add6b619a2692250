package dev.artifacta.command.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "a\tb",
                "a\rb",
                "a\nb",
                "a\u001bb",
                "a\u007fb",
                "a\u0085b",
                "a\u009fb",
                "a\u2028b",
                "a\u2029b",
                "a\ud800b",
                "a\udc00",
                "\ud83d"
            })
    void givenAControlCharacterOrAnUnpairedSurrogate_thenRefused(String text) {
        assertThatThrownBy(() -> PlainText.normalized("title", text))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("title")
                .satisfies(e -> assertThat(((InvalidRequest) e).type()).isEqualTo("invalid-text"));
    }

    @Test
    void givenDecomposedText_thenNfc() {
        assertThat(PlainText.normalized("title", "Cafe\u0301")).isEqualTo("Caf\u00e9");
    }

    @Test
    void givenOrdinaryUnicode_thenKept() {
        assertThat(PlainText.normalized("title", "Plan 🚀 für 2027 — ünïcödé")).isEqualTo("Plan 🚀 für 2027 — ünïcödé");
        assertThat(PlainText.normalized("title", null)).isNull();
    }
}
