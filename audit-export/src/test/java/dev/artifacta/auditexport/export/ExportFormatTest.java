package dev.artifacta.auditexport.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.auditexport.format.CanonicalJson;
import dev.artifacta.query.auditlog.AuditLogRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

    private static AuditLogRow row(String details, String keyId, String identityType, String previousHash) {
        return new AuditLogRow(
                "event-1",
                "tenant-1",
                42L,
                previousHash,
                "ab".repeat(32),
                Instant.parse("2026-12-04T18:00:00.123456Z"),
                "artifact.version_appended",
                "api_key",
                "key-1",
                "API Key: Zoë's \uD83D\uDE80 \"ci\"",
                keyId,
                keyId == null ? null : "",
                identityType,
                identityType == null ? null : "agent \u2028 bot",
                "artifact",
                "artifact-1",
                null,
                "203.0.113.9",
                "curl/8.5 \t",
                details);
    }

    @Test
    void givenAnyRow_whenItsLineIsWrittenWithoutATree_thenTheBytesAreThoseOfTheTreesText() throws IOException {
        String[] details = {
            "{}",
            "{\"version\":2,\"size\":36,\"sha256\":\"17f2\"}",
            "{\"ratio\":0.1,\"big\":1e300,\"neg\":-0.0,\"one\":1.0,\"pi\":3.141592653589793,\"tiny\":1E-7}",
            "{\"huge\":123456789012345678901234567890,\"long\":9007199254740993,\"int\":-7}",
            "{\"scopes\":[\"artifacts:read\",\"é\",null,true,false,[],{}],\"nested\":{\"a\":{\"b\":[1,2.5]}}}",
            "{\"text\":\"line\\nbreak \\u0001 \\u2028 \\uD83D\\uDE80 中文 \\\"q\\\" \\\\\"}",
            null
        };
        for (String detail : details) {
            for (AuditLogRow row : new AuditLogRow[] {
                row(detail, "key-1", "agent", "cd".repeat(32)), row(detail, null, null, null), row(detail, "", "", "")
            }) {
                for (ExportFormat format : ExportFormat.values()) {
                    var out = new ByteArrayOutputStream();

                    try (var lines = format.writer(out)) {
                        lines.write(exportRow(row));
                    }

                    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
                            .as("%s %s", format, detail)
                            .isEqualTo(format.line(RowDocuments.line(row)));
                }
            }
        }
    }

    @Test
    void givenAnyRow_whenItsCanonicalFormIsWrittenWithoutATree_thenTheBytesAreThoseOfTheTree() {
        String[] details = {
            "{}",
            "{\"version\":2,\"size\":36,\"sha256\":\"17f2\",\"b\":{\"z\":1,\"a\":[3,1]}}",
            "{\"ratio\":0.1,\"big\":1e300,\"neg\":-0.0,\"one\":1.0,\"tiny\":1E-7,\"long\":9007199254740993}",
            "{\"text\":\"line\\nbreak \\u0001 \\u2028 \\uD83D\\uDE80 中文 \\\"q\\\" \\\\\",\"\u00e9\":1,\"Z\":2}",
            null
        };
        String[] optional = {null, "", "x \u0007 \"y\" \uD83D\uDE80"};
        long[] sequences = {1, 42, 9_007_199_254_740_993L, -9_007_199_254_740_993L};
        int cases = 0;
        for (String detail : details) {
            for (String keyId : optional) {
                for (String identityType : optional) {
                    for (String request : optional) {
                        for (long sequence : sequences) {
                            AuditLogRow row = new AuditLogRow(
                                    "event-1",
                                    request == null ? null : "tenant-1",
                                    sequence,
                                    null,
                                    null,
                                    Instant.parse("2026-12-04T18:00:00.123456Z"),
                                    request == null ? null : "artifact.version_appended",
                                    keyId == null ? null : "api_key",
                                    "key-1",
                                    "API Key: Zoë's \uD83D\uDE80 \"ci\"",
                                    keyId,
                                    identityType,
                                    identityType,
                                    keyId,
                                    identityType == null ? null : "artifact",
                                    "artifact-1",
                                    request,
                                    keyId,
                                    identityType,
                                    detail);

                            byte[] direct = RowDocuments.canonical(row);

                            assertThat(new String(direct, StandardCharsets.UTF_8))
                                    .as("%s / %s / %s / %s / %d", detail, keyId, identityType, request, sequence)
                                    .isEqualTo(new String(
                                            CanonicalJson.bytes(RowDocuments.document(row)), StandardCharsets.UTF_8));
                            cases++;
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(5 * 3 * 3 * 3 * 4);
    }

    @Test
    void givenSeveralRows_whenOneWriterWritesThem_thenEachIsItsOwnLineAsTheTreeWritesIt() throws IOException {
        AuditLogRow[] rows = {
            row("{\"a\":1}", "key-1", "agent", "cd".repeat(32)),
            row(null, null, null, null),
            row("{\"text\":\"\\u0000\"}", "", "", "")
        };
        for (ExportFormat format : ExportFormat.values()) {
            var out = new ByteArrayOutputStream();
            var expected = new StringBuilder();

            try (var lines = format.writer(out)) {
                for (AuditLogRow row : rows) {
                    lines.write(exportRow(row));
                    expected.append(format.line(RowDocuments.line(row)));
                }
            }

            assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
                    .as("%s", format)
                    .isEqualTo(expected.toString());
        }
    }

    /** The row as the export's cursor reads it: its text as UTF-8 bytes. */
    private static ExportRow exportRow(AuditLogRow row) {
        return new ExportRow(
                utf8(row.eventId()),
                utf8(row.tenantId()),
                row.sequence(),
                utf8(row.previousHash()),
                utf8(row.hash()),
                row.occurredAt(),
                utf8(row.action()),
                utf8(row.actorType()),
                utf8(row.actorId()),
                utf8(row.actorDisplayName()),
                utf8(row.actorKeyId()),
                utf8(row.actorKeyName()),
                utf8(row.actorIdentityType()),
                utf8(row.actorIdentityName()),
                utf8(row.resourceType()),
                utf8(row.resourceId()),
                utf8(row.requestId()),
                utf8(row.clientAddress()),
                utf8(row.userAgent()),
                utf8(row.details()));
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
