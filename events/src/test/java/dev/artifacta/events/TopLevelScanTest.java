package dev.artifacta.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scan decides what it decides exactly as Jackson's streaming parser does, and leaves it the rest. */
class TopLevelScanTest {

    private static final Set<String> NAMES = Set.of("tenantId", "actorType", "userAgent");

    @Test
    void reads_metadata_as_the_server_writes_it_without_the_parser() {
        // given metadata as Jackson writes it, with members before, between and after the wanted ones
        String json = "{\"actorType\":\"api_key\",\"nested\":{\"tenantId\":\"no\",\"list\":[1,\"]\",{\"a\":null}]},"
                + "\"n\":-1.5e3,\"ok\":true,\"tenantId\":\"t-1\",\"none\":null,\"userAgent\":\"curl/8.5\"}";

        // when it is scanned
        Map<String, String> scanned = scan(json);

        // then the scan decides, and reads the top level only
        assertThat(scanned).isNotSameAs(TopLevelScan.UNDECIDED);
        assertThat(scanned)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("actorType", "api_key", "tenantId", "t-1", "userAgent", "curl/8.5"))
                .isEqualTo(parsed(json));
    }

    @Test
    void leaves_escapes_non_ascii_and_odd_shapes_to_the_parser() {
        for (String json : new String[] {
            "{\"tenantId\":\"a\\\"b\"}",
            "{\"tenant\\u0049d\":\"t\"}",
            "{\"userAgent\":\"Müller\"}",
            "{\"tenantId\":7}",
            "{\"tenantId\":\"t\"",
            "{\"tenantId\":nul}",
            "[\"tenantId\"]",
            "not json",
            "",
            "{\"a\":1,}",
            "{\"a\" 1}",
        }) {
            Map<String, String> scanned = scan(json);
            assertThat(scanned).as(json).isSameAs(TopLevelScan.UNDECIDED);
        }
        assertThat(EventJson.topLevelStrings("{\"tenantId\":\"a\\\"b\"}".getBytes(StandardCharsets.UTF_8), NAMES))
                .containsEntry("tenantId", "a\"b");
        assertThat(EventJson.topLevelStrings("{\"tenantId\":7}".getBytes(StandardCharsets.UTF_8), NAMES))
                .isNull();
    }

    @Test
    void agrees_with_the_parser_on_random_objects() {
        Random random = new Random(20261207);
        int decided = 0;
        for (int run = 0; run < 20_000; run++) {
            // given a random well-formed object
            String json = object(random, 0);

            // when it is scanned and parsed
            Map<String, String> scanned = scan(json);

            // then a decided scan says what the parser says
            if (scanned != TopLevelScan.UNDECIDED) {
                decided++;
                assertThat(scanned).as(json).isEqualTo(parsed(json));
            }
        }
        assertThat(decided).isGreaterThan(5_000);
    }

    private static Map<String, String> scan(String json) {
        return TopLevelScan.strings(json.getBytes(StandardCharsets.UTF_8), NAMES);
    }

    private static Map<String, String> parsed(String json) {
        return EventJson.parsedTopLevelStrings(json.getBytes(StandardCharsets.UTF_8), NAMES);
    }

    private static final String[] MEMBERS = {"tenantId", "actorType", "userAgent", "other", "tenantIds", "x"};

    private static String object(Random random, int depth) {
        StringBuilder json = new StringBuilder().append(space(random)).append('{');
        int members = random.nextInt(6);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                json.append(',');
            }
            json.append(space(random))
                    .append('"')
                    .append(MEMBERS[random.nextInt(MEMBERS.length)])
                    .append('"')
                    .append(space(random))
                    .append(':')
                    .append(space(random))
                    .append(value(random, depth))
                    .append(space(random));
        }
        return json.append('}').toString();
    }

    private static String value(Random random, int depth) {
        return switch (random.nextInt(depth < 3 ? 9 : 7)) {
            case 0, 1, 2 -> string(random);
            case 3 -> "null";
            case 4 -> random.nextBoolean() ? "true" : "false";
            case 5 -> Integer.toString(random.nextInt(2001) - 1000) + (random.nextBoolean() ? ".25e-2" : "");
            case 6 -> "\"\"";
            case 7 -> object(random, depth + 1);
            default -> {
                StringBuilder array = new StringBuilder("[");
                for (int k = random.nextInt(4); k > 0; k--) {
                    array.append(value(random, depth + 1)).append(k > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
        };
    }

    private static String string(Random random) {
        String[] parts = {"a", "t-1", " ", "{", "}", "[", "]", ",", ":", "\\\"", "\\\\", "\\n", "\\u00e9", "é", "ü"};
        StringBuilder s = new StringBuilder("\"");
        for (int k = random.nextInt(5); k > 0; k--) {
            // mostly plain text, as the server writes it
            s.append(random.nextInt(4) == 0 ? parts[random.nextInt(parts.length)] : parts[random.nextInt(2)]);
        }
        return s.append('"').toString();
    }

    private static String space(Random random) {
        return random.nextInt(5) == 0 ? " \n\t".substring(0, 1 + random.nextInt(3)) : "";
    }
}
