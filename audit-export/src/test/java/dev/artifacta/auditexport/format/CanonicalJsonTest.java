package dev.artifacta.auditexport.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * The canonical writer against the reference implementation of RFC 8785 ({@code org.erdtman.jcs},
 * which parses the document's text and writes it again): the same bytes for every kind of value.
 */
class CanonicalJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void controlCharactersEscapesAndNonAsciiTextAreWrittenAsTheReferenceWritesThem() throws Exception {
        StringBuilder everyControl = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            everyControl.append(c);
        }
        ObjectNode document = NODES.objectNode();
        document.put("controls", everyControl.toString());
        document.put("quotes", "say \"hi\" \\ back/slash");
        document.put("unicode", "caf\u00e9 \u20ac \ud83d\ude00 \u2028\u2029 \u007f");

        assertSameAsReference(document);
    }

    @Test
    void membersAreSortedByUtf16CodeUnitsNotByCodePoints() throws Exception {
        ObjectNode document = NODES.objectNode();
        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB01 by code unit and
        // after it by code point.
        for (String name : new String[] {"\ufb01", "\ud83d\ude00", "b", "a", "A", "\u00e9", "", "aa", "10", "9"}) {
            document.put(name, name);
        }

        assertSameAsReference(document);
        assertThat(CanonicalJson.text(document)).startsWith("{\"\":\"\",\"10\":");
    }

    @Test
    void numbersTakeTheirEcmaScriptForm() throws Exception {
        ArrayNode numbers = NODES.arrayNode();
        numbers.add(0)
                .add(-1)
                .add(42)
                .add(Integer.MAX_VALUE)
                .add(Long.MAX_VALUE)
                .add(Long.MIN_VALUE);
        numbers.add((1L << 53) - 1).add(1L << 53).add((1L << 53) + 1).add(-(1L << 53));
        numbers.add(0.1).add(-0.0).add(1e21).add(1e-7).add(123.456).add(5e-324).add(Double.MAX_VALUE);
        numbers.add(1.0).add(100.0).add(0.000001).add(333333333.33333329);
        numbers.add(new BigDecimal("12345678901234567890.5")).add(new BigInteger("123456789012345678901234567890"));
        ObjectNode document = NODES.objectNode();
        document.set("numbers", numbers);

        assertSameAsReference(document);
    }

    @Test
    void randomDocumentsAreWrittenAsTheReferenceWritesThem() throws Exception {
        Random random = new Random(8785);
        for (int i = 0; i < 2_000; i++) {
            ObjectNode document = NODES.objectNode();
            document.set("value", randomValue(random, 0));
            assertSameAsReference(document);
        }
    }

    private static void assertSameAsReference(JsonNode document) throws Exception {
        byte[] reference = new JsonCanonicalizer(CanonicalJson.mapper().writeValueAsString(document)).getEncodedUTF8();
        assertThat(new String(CanonicalJson.bytes(document), StandardCharsets.UTF_8))
                .isEqualTo(new String(reference, StandardCharsets.UTF_8));
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth >= 4 ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.textNode(randomText(random));
            case 1 -> NODES.numberNode(random.nextLong() >> random.nextInt(64));
            case 2 -> NODES.numberNode(finite(Double.longBitsToDouble(random.nextLong())));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int n = random.nextInt(5); n > 0; n--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int n = random.nextInt(6); n > 0; n--) {
                    object.set(randomText(random), randomValue(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0.5;
    }

    /** Text from ASCII, controls, Latin-1, the BMP and whole surrogate pairs (never a lone surrogate). */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append((char) (0x20 + random.nextInt(0x60)));
                case 2 -> text.append((char) (0x80 + random.nextInt(0x180)));
                case 3 -> text.append((char) (0x3000 + random.nextInt(0xa000)));
                default -> text.appendCodePoint(0x10000 + random.nextInt(0xfffff));
            }
        }
        return text.toString();
    }
}
