package dev.artifacta.auditexport.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.checkpoint.Checkpoint;
import dev.artifacta.auditexport.checkpoint.Ed25519Keys;
import dev.artifacta.auditexport.format.CanonicalJson;
import dev.artifacta.auditexport.format.ChainHash;
import dev.artifacta.auditexport.format.EntryDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Checks an audit export against its signed checkpoint with nothing but the server's public key:
 * every entry's hash recomputed from its canonical form, every link to the entry before, the
 * sequence without gaps, repeats or reordering, the first and last entries against the range the
 * checkpoint signs, and the checkpoint's head against the previous checkpoint's. Reads one entry
 * at a time, so an export of any size verifies in constant memory.
 */
public final class ExportVerifier {

    /** Export file formats. */
    public enum Format {
        JSONL,
        CSV
    }

    private final PublicKey publicKey;

    public ExportVerifier(PublicKey publicKey) {
        this.publicKey = publicKey;
    }

    /**
     * Verifies an export file.
     *
     * @param export the export file
     * @param format its format
     * @param checkpoint the checkpoint, or null to take it from the last line of a JSON Lines export
     * @param previousCheckpoint the checkpoint issued before it, if the reader kept it, or null
     */
    public Verification verify(Path export, Format format, JsonNode checkpoint, JsonNode previousCheckpoint)
            throws IOException {
        JsonNode signed = checkpoint != null ? checkpoint : format == Format.JSONL ? trailerOf(export) : null;
        try (Reader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            return verify(reader, format, signed, previousCheckpoint);
        }
    }

    /**
     * Verifies an export read from a stream, against a checkpoint given separately (null: unsigned).
     */
    public Verification verify(Reader export, Format format, JsonNode checkpoint, JsonNode previousCheckpoint)
            throws IOException {
        var walk = new ChainWalk();
        JsonNode before = checkpoint == null ? null : checkpoint.path("previous");
        if (before != null && before.isObject()) {
            walk.watch = before.path("headSequence").asLong();
        }
        Iterator<Line> lines = format == Format.CSV ? csvLines(export) : jsonLines(export);
        while (lines.hasNext() && walk.problem == null) {
            walk.accept(lines.next());
        }
        String problem = checkpointProblem(checkpoint, previousCheckpoint);
        if (problem == null) {
            problem = walk.problem;
        }
        if (problem == null) {
            problem = rangeProblem(checkpoint, walk);
        }
        Long number = checkpoint != null && checkpoint.path("number").canConvertToLong()
                ? checkpoint.path("number").asLong()
                : null;
        String tenant = checkpoint != null ? checkpoint.path("tenantId").asText(null) : null;
        return new Verification(
                problem == null,
                problem,
                walk.count,
                walk.count == 0 ? null : walk.firstSequence,
                walk.count == 0 ? null : walk.expectedSequence - 1,
                walk.firstTime,
                walk.lastTime,
                tenant,
                number);
    }

    /** The checkpoint on the last line of a JSON Lines export ({@code {"checkpoint": ...}}), or null. */
    public static JsonNode trailerOf(Path export) throws IOException {
        String last = null;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        if (last == null) {
            return null;
        }
        try {
            JsonNode node = CanonicalJson.mapper().readTree(last);
            return node != null && node.path("checkpoint").isObject() ? node.get("checkpoint") : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String checkpointProblem(JsonNode checkpoint, JsonNode previous) {
        if (checkpoint == null) {
            return "the export has no checkpoint: it is unsigned (fetch the checkpoint the export names and pass"
                    + " it with --checkpoint)";
        }
        if (!Checkpoint.TYPE.equals(checkpoint.path("type").asText())) {
            return "the checkpoint is not an Artifacta audit checkpoint";
        }
        if (!Ed25519Keys.keyId(publicKey).equals(checkpoint.path("keyId").asText())) {
            return "the checkpoint was signed with key "
                    + checkpoint.path("keyId").asText() + ", not with the public key given ("
                    + Ed25519Keys.keyId(publicKey) + ")";
        }
        if (!Checkpoint.verifies(checkpoint, publicKey)) {
            return "the checkpoint's signature does not verify: the checkpoint was altered";
        }
        JsonNode before = checkpoint.path("previous");
        long head = checkpoint.path("head").path("sequence").asLong();
        if (before.isObject() && before.path("headSequence").asLong() > head) {
            return "checkpoint " + checkpoint.path("number").asLong() + " reports the chain head at sequence " + head
                    + " but checkpoint " + before.path("number").asLong() + " had already reported "
                    + before.path("headSequence").asLong() + ": the newest entries were removed";
        }
        if (previous != null) {
            if (!Checkpoint.verifies(previous, publicKey)) {
                return "the previous checkpoint's signature does not verify";
            }
            if (!before.isObject()
                    || before.path("number").asLong() != previous.path("number").asLong()
                    || !Checkpoint.digest(previous).equals(before.path("digest").asText())) {
                return "the checkpoint does not chain to the previous checkpoint given (number or digest differ)";
            }
        }
        return null;
    }

    private static String rangeProblem(JsonNode checkpoint, ChainWalk walk) {
        JsonNode entries = checkpoint.path("entries");
        if (!entries.isObject()) {
            return walk.count == 0 ? null : "the checkpoint signs no entries but the export holds " + walk.count;
        }
        if (walk.count == 0) {
            return "the export holds no entries but the checkpoint signs sequences "
                    + entries.path("firstSequence").asLong() + " to "
                    + entries.path("lastSequence").asLong();
        }
        if (!tenantMatches(checkpoint, walk)) {
            return "the entries belong to tenant " + walk.tenantId + " but the checkpoint to "
                    + checkpoint.path("tenantId").asText();
        }
        long first = entries.path("firstSequence").asLong();
        long last = entries.path("lastSequence").asLong();
        if (walk.firstSequence != first) {
            return walk.firstSequence > first
                    ? "entries " + first + " to " + (walk.firstSequence - 1)
                            + " are missing from the start of the export"
                    : "the export starts at sequence " + walk.firstSequence + " but the checkpoint signs from " + first;
        }
        if (!entries.path("firstPreviousHash").asText().equals(walk.firstPreviousHash)) {
            return "the first entry (sequence " + first + ") does not chain from the hash the checkpoint signs";
        }
        long exportedLast = walk.expectedSequence - 1;
        if (exportedLast < last) {
            return "entries " + (exportedLast + 1) + " to " + last + " are missing from the end of the export";
        }
        if (exportedLast > last) {
            return "the export continues past sequence " + last + ", the last one the checkpoint signs";
        }
        if (!entries.path("lastHash").asText().equals(walk.previousHash)) {
            return "the last entry (sequence " + last + ") does not have the hash the checkpoint signs";
        }
        JsonNode before = checkpoint.path("previous");
        if (before.isObject()) {
            long previousHead = before.path("headSequence").asLong();
            String recorded = walk.watchedHash;
            if (previousHead >= first
                    && previousHead <= last
                    && (recorded == null
                            || !recorded.equals(before.path("headHash").asText()))) {
                return "entry " + previousHead + " differs from what checkpoint "
                        + before.path("number").asLong() + " recorded for it";
            }
        }
        return null;
    }

    private static boolean tenantMatches(JsonNode checkpoint, ChainWalk walk) {
        return checkpoint.path("tenantId").asText().equals(walk.tenantId);
    }

    /** One entry of the export, or why it could not be read. */
    private record Line(long number, ObjectNode entry, String unreadable) {}

    /** Follows the chain entry by entry and keeps the first problem. */
    private final class ChainWalk {
        long count;
        Long firstSequence;
        String firstPreviousHash;
        long expectedSequence;
        String previousHash;
        String tenantId;
        String firstTime;
        String lastTime;
        String problem;
        // The previous checkpoint's head: its hash is checked when the export holds it.
        Long watch;
        String watchedHash;

        void accept(Line line) {
            if (line.unreadable() != null) {
                problem = "line " + line.number() + " cannot be read: " + line.unreadable();
                return;
            }
            ObjectNode entry = line.entry();
            JsonNode sequenceNode = entry.get(EntryDocument.SEQUENCE);
            String stated = entry.path(EntryDocument.HASH).asText(null);
            String statedPrevious = entry.path(EntryDocument.PREVIOUS_HASH).asText(null);
            if (sequenceNode == null
                    || !sequenceNode.canConvertToLong()
                    || !ChainHash.isHash(stated)
                    || !ChainHash.isHash(statedPrevious)) {
                problem = "line " + line.number() + " is not an audit entry (sequence, previousHash or hash missing)";
                return;
            }
            long sequence = sequenceNode.asLong();
            String where = "line " + line.number() + " (sequence " + sequence + ")";
            if (count == 0) {
                firstSequence = sequence;
                firstPreviousHash = statedPrevious;
                expectedSequence = sequence;
                previousHash = statedPrevious;
                tenantId = entry.path(EntryDocument.TENANT_ID).asText();
                firstTime = entry.path(EntryDocument.OCCURRED_AT).asText();
            } else {
                if (sequence < expectedSequence) {
                    problem = where + " comes after sequence " + (expectedSequence - 1)
                            + ": the entry is duplicated or out of order";
                    return;
                }
                if (sequence > expectedSequence) {
                    problem = where + ": entries " + expectedSequence + " to " + (sequence - 1) + " are missing";
                    return;
                }
                if (!tenantId.equals(entry.path(EntryDocument.TENANT_ID).asText())) {
                    problem = where + " belongs to another tenant";
                    return;
                }
            }
            if (!statedPrevious.equals(previousHash)) {
                problem = where + " does not chain from the entry before it: an entry was altered or reordered";
                return;
            }
            String computed;
            try {
                computed = ChainHash.of(statedPrevious, entry);
            } catch (IllegalArgumentException e) {
                problem = where + " cannot be hashed: " + e.getMessage();
                return;
            }
            if (!computed.equals(stated)) {
                problem = where + " was altered: its content does not match its hash";
                return;
            }
            if (watch != null && watch == sequence) {
                watchedHash = stated;
            }
            count++;
            expectedSequence = sequence + 1;
            previousHash = stated;
            lastTime = entry.path(EntryDocument.OCCURRED_AT).asText();
        }
    }

    private Iterator<Line> jsonLines(Reader export) {
        BufferedReader reader = new BufferedReader(export);
        return new Iterator<>() {
            long number;
            boolean trailerSeen;
            Line next = advance();

            private Line advance() {
                try {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        number++;
                        if (text.isBlank()) {
                            continue;
                        }
                        JsonNode node;
                        try {
                            node = CanonicalJson.mapper().readTree(text);
                        } catch (JsonProcessingException e) {
                            return new Line(number, null, "not JSON");
                        }
                        if (!(node instanceof ObjectNode object)) {
                            return new Line(number, null, "not a JSON object");
                        }
                        if (trailerSeen) {
                            return new Line(number, null, "only the checkpoint may follow the last entry");
                        }
                        if (object.has("checkpoint")) {
                            trailerSeen = true; // read by trailerOf; it must be the last line
                            continue;
                        }
                        return new Line(number, object, null);
                    }
                    return null;
                } catch (IOException e) {
                    return new Line(number, null, e.getMessage());
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Line next() {
                Line current = next;
                next = advance();
                return current;
            }
        };
    }

    private Iterator<Line> csvLines(Reader export) throws IOException {
        CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(export);
        if (!parser.getHeaderNames().equals(EntryDocument.CSV_COLUMNS)) {
            return java.util.List.of(
                            new Line(1, null, "the header is not " + String.join(",", EntryDocument.CSV_COLUMNS)))
                    .iterator();
        }
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Line next() {
                CSVRecord record;
                try {
                    record = records.next();
                } catch (RuntimeException e) {
                    return new Line(parser.getCurrentLineNumber(), null, "malformed CSV");
                }
                long number = record.getRecordNumber() + 1;
                if (!record.isConsistent()) {
                    return new Line(number, null, "expected " + EntryDocument.CSV_COLUMNS.size() + " cells");
                }
                try {
                    return new Line(number, EntryDocument.fromCsv(record::get), null);
                } catch (IllegalArgumentException e) {
                    return new Line(number, null, e.getMessage());
                }
            }
        };
    }
}
