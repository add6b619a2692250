package dev.artifacta.auditexport.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.checkpoint.Checkpoint;
import dev.artifacta.auditexport.checkpoint.Ed25519Keys;
import dev.artifacta.auditexport.checkpoint.SigningKey;
import dev.artifacta.auditexport.format.CanonicalJson;
import dev.artifacta.auditexport.format.ChainHash;
import dev.artifacta.auditexport.format.EntryDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier against a corpus of tampered exports: each kind of tampering is detected and
 * named, and an untouched export verifies. Exports are built here the way the server builds them
 * (same documents, same chain, same checkpoint), entries 11 to 20 of a chain whose first ten were
 * removed by retention.
 */
class ExportVerifierTest {

    private static final String TENANT = "0b6f3c2e-4a1d-4e8b-9f7a-3c5d2e1b0a99";

    @TempDir
    Path dir;

    private SigningKey key;
    private List<ObjectNode> lines;
    private String startHash;

    @BeforeEach
    void givenAChainOfTwentyEntriesOfWhichTheLastTenAreExported() {
        KeyPair pair = Ed25519Keys.generate();
        key = SigningKey.of(pair.getPrivate(), pair.getPublic());
        lines = new ArrayList<>();
        String previous = ChainHash.GENESIS;
        for (int sequence = 1; sequence <= 20; sequence++) {
            ObjectNode entry = entry(sequence);
            String hash = ChainHash.of(previous, entry);
            entry.put(EntryDocument.PREVIOUS_HASH, previous);
            entry.put(EntryDocument.HASH, hash);
            if (sequence == 10) {
                startHash = hash;
            }
            if (sequence > 10) {
                lines.add(entry);
            }
            previous = hash;
        }
    }

    @Test
    void untouchedJsonLinesExportVerifies() throws IOException {
        Verification result = verifyJsonl(lines, checkpoint(lines, null));

        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.count()).isEqualTo(10);
        assertThat(result.firstSequence()).isEqualTo(11);
        assertThat(result.lastSequence()).isEqualTo(20);
        assertThat(result.summary()).startsWith("OK: 10 entries, sequence 11 to 20");
    }

    @Test
    void untouchedCsvExportVerifiesWithItsCheckpoint() throws IOException {
        Verification result = verifyCsv(lines, checkpoint(lines, null));

        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.count()).isEqualTo(10);
    }

    @Test
    void editedFieldIsDetected() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        List<ObjectNode> tampered = copy(lines);
        ((ObjectNode) tampered.get(4).get("actor")).put("keyName", "Someone Else");

        Verification result = verifyJsonl(tampered, checkpoint);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("sequence 15").contains("altered");
    }

    @Test
    void editedFieldIsDetectedInCsvToo() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        List<ObjectNode> tampered = copy(lines);
        tampered.get(2).put("action", "artifact.restored");

        Verification result = verifyCsv(tampered, checkpoint);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("sequence 13").contains("altered");
    }

    @Test
    void editedFieldWithItsHashRecomputedBreaksTheNextLink() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        List<ObjectNode> tampered = copy(lines);
        ObjectNode edited = tampered.get(3);
        edited.put("action", "artifact.deleted");
        edited.put(
                EntryDocument.HASH,
                ChainHash.of(edited.get(EntryDocument.PREVIOUS_HASH).asText(), edited));

        Verification result = verifyJsonl(tampered, checkpoint);

        assertThat(result.problem()).contains("sequence 15").contains("does not chain");
    }

    @Test
    void droppedLineIsDetected() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        List<ObjectNode> tampered = copy(lines);
        tampered.remove(5);

        Verification result = verifyJsonl(tampered, checkpoint);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("entries 16 to 16 are missing");
    }

    @Test
    void droppedLastLinesAreDetected() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        List<ObjectNode> tampered = copy(lines).subList(0, 7);

        Verification result = verifyJsonl(tampered, checkpoint);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("entries 18 to 20 are missing from the end");
    }

    @Test
    void droppedFirstLinesAreDetected() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        List<ObjectNode> tampered = copy(lines).subList(2, 10);

        Verification result = verifyJsonl(tampered, checkpoint);

        assertThat(result.problem()).contains("entries 11 to 12 are missing from the start");
    }

    @Test
    void swappedLinesAreDetected() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        List<ObjectNode> tampered = copy(lines);
        ObjectNode third = tampered.get(2);
        tampered.set(2, tampered.get(3));
        tampered.set(3, third);

        Verification result = verifyJsonl(tampered, checkpoint);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("line 3 (sequence 14)").contains("entries 13 to 13 are missing");
    }

    @Test
    void duplicatedLineIsDetected() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        List<ObjectNode> tampered = copy(lines);
        tampered.add(6, tampered.get(5).deepCopy());

        Verification result = verifyJsonl(tampered, checkpoint);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("line 7 (sequence 16)").contains("duplicated or out of order");
    }

    @Test
    void changedCheckpointIsDetected() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        ((ObjectNode) checkpoint.get("head")).put("sequence", 25);

        Verification result = verifyJsonl(lines, checkpoint);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("signature does not verify");
    }

    @Test
    void checkpointOverOtherEntriesIsDetected() throws IOException {
        // A genuine checkpoint, but over entries 11 to 19: the export has one more than it signs.
        ObjectNode checkpoint = checkpoint(lines.subList(0, 9), null);

        Verification result = verifyJsonl(lines, checkpoint);

        assertThat(result.problem()).contains("continues past sequence 19");
    }

    @Test
    void wrongKeyIsDetected() throws IOException {
        ObjectNode checkpoint = checkpoint(lines, null);
        KeyPair other = Ed25519Keys.generate();

        Path file = writeJsonl(lines, checkpoint);
        Verification result =
                new ExportVerifier(other.getPublic()).verify(file, ExportVerifier.Format.JSONL, null, null);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("signed with key " + key.keyId());
    }

    @Test
    void exportWithoutCheckpointIsUnsigned() throws IOException {
        Verification result = verifyCsv(lines, null);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("unsigned");
    }

    @Test
    void checkpointWhoseHeadWentBackwardsShowsRemovedEntries() throws IOException {
        // Checkpoint 1 saw the head at 25; checkpoint 2 claims the head is 20 again.
        ObjectNode first = Checkpoint.sign(key, TENANT, 1, "2026-11-01T00:00:00.000000Z", null, 25, hex('e'), null);
        ObjectNode second = checkpoint(lines, new Checkpoint.Previous(1, 25, hex('e'), Checkpoint.digest(first)));

        Verification result = verifyJsonl(lines, second);

        assertThat(result.problem()).contains("the newest entries were removed");
    }

    @Test
    void previousCheckpointMustBeTheOneNamed() throws IOException {
        ObjectNode first = Checkpoint.sign(
                key,
                TENANT,
                1,
                "2026-11-01T00:00:00.000000Z",
                null,
                15,
                lines.get(4).get("hash").asText(),
                null);
        ObjectNode second = checkpoint(
                lines, new Checkpoint.Previous(1, 15, lines.get(4).get("hash").asText(), Checkpoint.digest(first)));
        ObjectNode forged = Checkpoint.sign(
                key,
                TENANT,
                1,
                "2026-11-02T00:00:00.000000Z",
                null,
                15,
                lines.get(4).get("hash").asText(),
                null);

        Path file = writeJsonl(lines, second);
        ExportVerifier verifier = new ExportVerifier(key.publicKey());
        assertThat(verifier.verify(file, ExportVerifier.Format.JSONL, null, first)
                        .ok())
                .isTrue();
        assertThat(verifier.verify(file, ExportVerifier.Format.JSONL, null, forged)
                        .problem())
                .contains("does not chain to the previous checkpoint");
    }

    @Test
    void commandLineExitsZeroWhenVerifiedOneWhenNotTwoWhenItCannotRun() throws IOException {
        Path keyFile = dir.resolve("signing-key.json");
        Files.writeString(
                keyFile,
                "{\"keyId\":\"" + key.keyId() + "\",\"publicKey\":\"" + Ed25519Keys.encode(key.publicKey()) + "\"}");
        Path pem = dir.resolve("signing-key.pem");
        Files.writeString(pem, Ed25519Keys.pem(key.publicKey()));
        Path good = writeJsonl(lines, checkpoint(lines, null));
        List<ObjectNode> tampered = copy(lines);
        tampered.removeLast();
        Path bad = writeJsonl(tampered, checkpoint(lines, null));

        assertThat(run("--public-key", keyFile.toString(), good.toString())).isZero();
        assertThat(run("-k", pem.toString(), good.toString())).isZero();
        assertThat(run("--public-key", keyFile.toString(), bad.toString())).isEqualTo(1);
        assertThat(run(
                        "--public-key",
                        keyFile.toString(),
                        dir.resolve("missing.jsonl").toString()))
                .isEqualTo(2);
        assertThat(run(good.toString())).isEqualTo(2); // no key given
    }

    @Test
    void commandLinePrintsTheFirstProblem() throws IOException {
        Path keyFile = dir.resolve("key.pem");
        Files.writeString(keyFile, Ed25519Keys.pem(key.publicKey()));
        List<ObjectNode> tampered = copy(lines);
        tampered.get(0).put("eventId", "forged");
        Path bad = writeJsonl(tampered, checkpoint(lines, null));
        StringWriter out = new StringWriter();

        int status = VerifyCommand.run(
                new PrintWriter(out), new PrintWriter(new StringWriter()), "-k", keyFile.toString(), bad.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).startsWith("FAILED: line 1 (sequence 11) was altered");
    }

    @Test
    void lineAfterTheCheckpointIsDetected() throws IOException {
        Path file = writeJsonl(lines, checkpoint(lines, null));
        Files.writeString(
                file,
                CanonicalJson.mapper().writeValueAsString(lines.getLast()) + "\n",
                java.nio.file.StandardOpenOption.APPEND);

        Verification result = new ExportVerifier(key.publicKey()).verify(file, ExportVerifier.Format.JSONL, null, null);

        // The last line is not a checkpoint, so the export is unsigned; the reading also stops there.
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("unsigned");
    }

    @Test
    void lineThatIsNotJsonIsNamed() throws IOException {
        Path file = writeJsonl(lines, checkpoint(lines, null));
        List<String> text = new ArrayList<>(Files.readAllLines(file));
        text.set(6, text.get(6).substring(0, 40));
        Files.write(file, text);

        Verification result = new ExportVerifier(key.publicKey()).verify(file, ExportVerifier.Format.JSONL, null, null);

        assertThat(result.problem()).isEqualTo("line 7 cannot be read: not JSON");
    }

    @Test
    void checkpointFollowedByBlankLinesIsStillFound() throws IOException {
        Path file = writeJsonl(lines, checkpoint(lines, null));
        Files.writeString(file, "\n  \n\n", java.nio.file.StandardOpenOption.APPEND);

        Verification result = new ExportVerifier(key.publicKey()).verify(file, ExportVerifier.Format.JSONL, null, null);

        assertThat(result.ok()).as(result.problem()).isTrue();
    }

    @Test
    void givenALongChain_whenOneEntryFarInIsAltered_thenTheFirstProblemIsItsLine() throws IOException {
        List<ObjectNode> chain = new ArrayList<>();
        String previous = startHash;
        for (int sequence = 11; sequence <= 5010; sequence++) {
            ObjectNode entry = entry(sequence);
            String hash = ChainHash.of(previous, entry);
            entry.put(EntryDocument.PREVIOUS_HASH, previous);
            entry.put(EntryDocument.HASH, hash);
            chain.add(entry);
            previous = hash;
        }
        ObjectNode signed = checkpoint(chain, null);
        List<ObjectNode> tampered = copy(chain);
        tampered.get(3999).put("action", "artifact.deleted");
        tampered.get(4500).put("action", "artifact.deleted");

        Verification untouched = verifyJsonl(chain, signed);
        Verification altered = verifyJsonl(tampered, signed);

        assertThat(untouched.ok()).as(untouched.problem()).isTrue();
        assertThat(untouched.count()).isEqualTo(5000);
        assertThat(altered.problem())
                .isEqualTo("line 4000 (sequence 4010) was altered: its content does not match its hash");
    }

    // --- building exports ------------------------------------------------------------------

    private ObjectNode checkpoint(List<ObjectNode> exported, Checkpoint.Previous previous) {
        ObjectNode first = exported.getFirst();
        ObjectNode last = exported.getLast();
        return Checkpoint.sign(
                key,
                TENANT,
                previous == null ? 1 : previous.number() + 1,
                "2026-11-22T12:00:00.000000Z",
                new Checkpoint.Entries(
                        first.get("sequence").asLong(),
                        first.get(EntryDocument.PREVIOUS_HASH).asText(),
                        last.get("sequence").asLong(),
                        last.get(EntryDocument.HASH).asText()),
                last.get("sequence").asLong(),
                last.get(EntryDocument.HASH).asText(),
                previous);
    }

    private Verification verifyJsonl(List<ObjectNode> exported, JsonNode checkpoint) throws IOException {
        return new ExportVerifier(key.publicKey())
                .verify(writeJsonl(exported, checkpoint), ExportVerifier.Format.JSONL, null, null);
    }

    private Verification verifyCsv(List<ObjectNode> exported, JsonNode checkpoint) throws IOException {
        Path file = dir.resolve("export.csv");
        var out = new StringBuilder();
        try (var printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(EntryDocument.CSV_COLUMNS);
            for (ObjectNode line : exported) {
                printer.printRecord(EntryDocument.csvCells(line));
            }
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return new ExportVerifier(key.publicKey()).verify(file, ExportVerifier.Format.CSV, checkpoint, null);
    }

    private Path writeJsonl(List<ObjectNode> exported, JsonNode checkpoint) throws IOException {
        Path file = Files.createTempFile(dir, "export", ".jsonl");
        var out = new StringBuilder();
        for (ObjectNode line : exported) {
            out.append(CanonicalJson.mapper().writeValueAsString(line)).append('\n');
        }
        if (checkpoint != null) {
            ObjectNode wrapper = CanonicalJson.mapper().createObjectNode();
            wrapper.set("checkpoint", checkpoint);
            out.append(CanonicalJson.mapper().writeValueAsString(wrapper)).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }

    private static int run(String... args) {
        return VerifyCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    private static List<ObjectNode> copy(List<ObjectNode> lines) {
        return new ArrayList<>(lines.stream().map(ObjectNode::deepCopy).toList());
    }

    private static String hex(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    private static ObjectNode entry(int sequence) {
        UnaryOperator<String> orNull = value -> sequence % 3 == 0 ? null : value;
        return EntryDocument.build(
                TENANT,
                sequence,
                "event-" + sequence,
                String.format("2026-11-22T10:00:%02d.000001Z", sequence),
                sequence % 2 == 0 ? "artifact.version_appended" : "api_key.created",
                "api_key",
                "key-1",
                "API Key: CI Pipeline",
                "key-1",
                "CI Pipeline",
                "agent",
                orNull.apply("deploy-bot"),
                "artifact",
                "artifact-" + sequence,
                "req-" + sequence,
                orNull.apply("10.0.0.7"),
                orNull.apply("curl/8.5 \"quoted\", with comma\nand a newline"),
                "{\"version\":" + sequence + ",\"title\":\"Ünïcödé ✓\",\"size\":12.5}");
    }
}
