package dev.artifacta.auditexport.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The entry's canonical bytes written directly equal the canonical form of the document {@link
 * EntryDocument#build} makes: the chain's hashes do not depend on which of the two computed them.
 */
class EntryDocumentCanonicalTest {

    @Test
    void theWorkedExampleIsWrittenAsItsDocumentIs() {
        String direct = new String(
                EntryDocument.canonical(
                        "0b6f3c2e-4a1d-4e8b-9f7a-3c5d2e1b0a99",
                        1,
                        "c0c6027a-795b-4b18-856c-d5a6e363650f",
                        "2026-11-22T10:00:00.000000Z",
                        "tenant.created",
                        "user",
                        "owner@acme.test",
                        "owner@acme.test",
                        null,
                        null,
                        "user",
                        "owner@acme.test",
                        "tenant",
                        "0b6f3c2e-4a1d-4e8b-9f7a-3c5d2e1b0a99",
                        "req-1",
                        "203.0.113.7",
                        "curl/8.5.0",
                        "{\"plan\":\"free\",\"name\":\"acme-corp\"}"),
                StandardCharsets.UTF_8);

        assertThat(direct).isEqualTo(CanonicalJson.text(ChainHashTest.tenantCreated()));
    }

    @Test
    void everyCombinationOfAbsentEmptyAndPresentValuesIsWrittenAsItsDocumentIs() {
        Random random = new Random(2026);
        for (int i = 0; i < 5_000; i++) {
            String[] v = new String[16];
            for (int j = 0; j < v.length; j++) {
                v[j] = value(random);
            }
            long sequence = random.nextBoolean() ? random.nextInt(1000) : random.nextLong();
            String details =
                    random.nextBoolean() ? null : "{\"n\":" + random.nextInt() + ",\"s\":\"" + "\\u00e9\\n" + "\"}";

            byte[] direct = EntryDocument.canonical(
                    v[0], sequence, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                    v[14], v[15], details);
            byte[] viaTree = CanonicalJson.bytes(EntryDocument.build(
                    v[0], sequence, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                    v[14], v[15], details));

            assertThat(new String(direct, StandardCharsets.UTF_8))
                    .isEqualTo(new String(viaTree, StandardCharsets.UTF_8));
        }
    }

    /** Absent, empty, plain, or text that needs escaping and sorts oddly. */
    private static String value(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "key-" + random.nextInt(100);
            default -> "\"quoted\" \\ \u0001 caf\u00e9 \ud83d\ude00 " + random.nextInt();
        };
    }
}
