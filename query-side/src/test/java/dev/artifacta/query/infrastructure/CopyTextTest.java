package dev.artifacta.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void givenRowsOfEveryKind_thenEachIsOneLineOfTabSeparatedValues() {
        String text = of(List.of(
                new Object[] {"a", 7L, 3, true, Instant.parse("2026-12-02T06:36:13.985100Z"), null},
                new Object[] {"b", -1L, 0, false, Instant.parse("2026-01-01T00:00:00Z"), "x"}));

        assertThat(text)
                .isEqualTo("a\t7\t3\tt\t2026-12-02T06:36:13.985100Z\t\\N\n"
                        + "b\t-1\t0\tf\t2026-01-01T00:00:00.000000Z\tx\n");
    }

    @Test
    void givenTextThatCouldEndAValueOrARow_thenItIsEscaped() {
        String text =
                of(List.<Object[]>of(new Object[] {"tab\there", "line\nfeed", "carriage\rreturn", "back\\slash"}));

        assertThat(text).isEqualTo("tab\\there\tline\\nfeed\tcarriage\\rreturn\tback\\\\slash\n");
        assertThat(of(List.<Object[]>of(new Object[] {"\tfirst and last\n", "\\\\"})))
                .isEqualTo("\\tfirst and last\\n\t\\\\\\\\\n");
    }

    @Test
    void givenTextThatLooksLikeNullOrTheEndMarker_thenItStaysText() {
        String text = of(List.<Object[]>of(new Object[] {"\\N"}, new Object[] {"\\."}));

        assertThat(text).isEqualTo("\\\\N\n\\\\.\n");
    }

    @Test
    void givenInstants_thenEachIsWrittenAsTheSameMicrosecondInUtc() {
        var random = new java.util.Random(8785);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            var text = new StringBuilder();

            CopyText.time(text, instant);

            Instant micros =
                    Instant.ofEpochSecond(instant.getEpochSecond(), Math.round(instant.getNano() / 1000.0) * 1000);
            assertThat(Instant.parse(text)).as(instant.toString()).isEqualTo(micros);
        }
    }

    @Test
    void givenInstantsAtTheEdges_thenTheyAreWrittenInFull() {
        var text = new StringBuilder();

        CopyText.time(text, Instant.parse("1970-01-01T00:00:00Z"));
        text.append(' ');
        CopyText.time(text, Instant.parse("1969-12-31T23:59:59.999999600Z"));
        text.append(' ');
        CopyText.time(text, Instant.parse("9999-12-31T23:59:59.000001Z"));

        assertThat(text.toString())
                .isEqualTo("1970-01-01T00:00:00.000000Z 1970-01-01T00:00:00.000000Z 9999-12-31T23:59:59.000001Z");
    }

    @Test
    void givenAnUnknownType_thenItIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> of(List.<Object[]>of(new Object[] {BigDecimal.ONE})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.math.BigDecimal");
    }

    private static String of(List<Object[]> rows) {
        var text = new StringBuilder();
        for (Object[] row : rows) {
            CopyText.row(text, row);
        }
        return text.toString();
    }
}
