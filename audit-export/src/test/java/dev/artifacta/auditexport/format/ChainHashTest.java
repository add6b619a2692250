package dev.artifacta.auditexport.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The canonical form and the chain hash, pinned to the worked example in docs/audit.md (whose
 * first hash the document recomputes with printf and sha256sum). A change here breaks every export
 * already handed out: it needs a new format version, not a new expected value.
 */
class ChainHashTest {

    private static final String TENANT = "0b6f3c2e-4a1d-4e8b-9f7a-3c5d2e1b0a99";

    static ObjectNode tenantCreated() {
        return EntryDocument.build(
                TENANT,
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
                TENANT,
                "req-1",
                "203.0.113.7",
                "curl/8.5.0",
                "{\"plan\":\"free\",\"name\":\"acme-corp\"}");
    }

    @Test
    void canonicalFormSortsMembersAndDropsWhitespaceAndAbsentValues() {
        assertThat(CanonicalJson.text(tenantCreated()))
                .isEqualTo("{\"action\":\"tenant.created\",\"actor\":{\"displayName\":\"owner@acme.test\","
                        + "\"id\":\"owner@acme.test\",\"identity\":{\"name\":\"owner@acme.test\",\"type\":\"user\"},"
                        + "\"type\":\"user\"},\"details\":{\"name\":\"acme-corp\",\"plan\":\"free\"},"
                        + "\"eventId\":\"c0c6027a-795b-4b18-856c-d5a6e363650f\","
                        + "\"occurredAt\":\"2026-11-22T10:00:00.000000Z\",\"request\":{\"clientAddress\":"
                        + "\"203.0.113.7\",\"id\":\"req-1\",\"userAgent\":\"curl/8.5.0\"},\"resource\":{\"id\":"
                        + "\"0b6f3c2e-4a1d-4e8b-9f7a-3c5d2e1b0a99\",\"type\":\"tenant\"},\"sequence\":1,"
                        + "\"tenantId\":\"0b6f3c2e-4a1d-4e8b-9f7a-3c5d2e1b0a99\"}");
    }

    @Test
    void firstEntryChainsFromThirtyTwoZeroBytes() {
        assertThat(ChainHash.of(ChainHash.GENESIS, tenantCreated()))
                .isEqualTo("3fb3e0a2ebea11321e008d5b50fb41f86719017c6f0830acbc06aa05b9189af5");
    }

    @Test
    void hashIgnoresTheHashFieldsOfAnExportLineButNothingElse() {
        ObjectNode line = tenantCreated();
        line.put(EntryDocument.PREVIOUS_HASH, ChainHash.GENESIS);
        line.put(EntryDocument.HASH, "f".repeat(64));
        assertThat(ChainHash.of(ChainHash.GENESIS, line))
                .isEqualTo("3fb3e0a2ebea11321e008d5b50fb41f86719017c6f0830acbc06aa05b9189af5");

        line.put("sequence", 2);
        assertThat(ChainHash.of(ChainHash.GENESIS, line))
                .isNotEqualTo("3fb3e0a2ebea11321e008d5b50fb41f86719017c6f0830acbc06aa05b9189af5");
    }

    @Test
    void sameEntryChainedFromAnotherHashHashesDifferently() {
        assertThat(ChainHash.of("1".repeat(64), tenantCreated()))
                .isNotEqualTo(ChainHash.of(ChainHash.GENESIS, tenantCreated()));
    }

    @Test
    void csvCellsRebuildTheSameDocument() {
        ObjectNode line = tenantCreated();
        line.put(EntryDocument.PREVIOUS_HASH, ChainHash.GENESIS);
        line.put(EntryDocument.HASH, ChainHash.of(ChainHash.GENESIS, line));
        var cells = EntryDocument.csvCells(line);

        ObjectNode rebuilt = EntryDocument.fromCsv(column -> cells.get(EntryDocument.CSV_COLUMNS.indexOf(column)));

        assertThat(rebuilt).isEqualTo(line);
    }

    @Test
    void onlySixtyFourLowerCaseHexDigitsAreAHash() {
        String hash = "0123456789abcdef".repeat(4);
        assertThat(ChainHash.isHash(hash)).isTrue();
        assertThat(ChainHash.isHash(ChainHash.GENESIS)).isTrue();
        assertThat(ChainHash.isHash(null)).isFalse();
        assertThat(ChainHash.isHash(hash.substring(1))).isFalse();
        assertThat(ChainHash.isHash(hash + "0")).isFalse();
        for (char wrong : new char[] {'A', 'F', 'g', '/', ':', '`', ' ', '\u00e9', '\u0660', '\uff10'}) {
            for (int at : new int[] {0, 31, 63}) {
                String altered = hash.substring(0, at) + wrong + hash.substring(at + 1);
                assertThat(ChainHash.isHash(altered)).as("%s at %d", wrong, at).isFalse();
            }
        }
    }

    @Test
    void hashingAgainOnTheSameThreadGivesTheSameHash() {
        String first = ChainHash.of(ChainHash.GENESIS, tenantCreated());
        ChainHash.sha256Hex(new byte[] {1, 2, 3});
        assertThat(ChainHash.of(ChainHash.GENESIS, tenantCreated())).isEqualTo(first);
    }
}
