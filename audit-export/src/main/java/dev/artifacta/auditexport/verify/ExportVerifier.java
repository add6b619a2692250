package dev.artifacta.auditexport.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.checkpoint.Checkpoint;
import dev.artifacta.auditexport.checkpoint.Ed25519Keys;
import dev.artifacta.auditexport.format.CanonicalJson;
import dev.artifacta.auditexport.format.ChainHash;
import dev.artifacta.auditexport.format.EntryDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Checks an audit export against its signed checkpoint with nothing but the server's public key:
 * every entry's hash recomputed from its canonical form, every link to the entry before, the
 * sequence without gaps, repeats or reordering, the first and last entries against the range the
 * checkpoint signs, and the checkpoint's head against the previous checkpoint's. Reads a bounded
 * number of lines ahead (hashed on every core), so an export of any size verifies in constant memory.
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
        try (InputStream in = Files.newInputStream(export)) {
            return verify(in, format, signed, previousCheckpoint);
        }
    }

    /**
     * Verifies an export read from a stream (UTF-8), against a checkpoint given separately (null:
     * unsigned).
     */
    public Verification verify(InputStream export, Format format, JsonNode checkpoint, JsonNode previousCheckpoint)
            throws IOException {
        var walk = new ChainWalk();
        JsonNode before = checkpoint == null ? null : checkpoint.path("previous");
        if (before != null && before.isObject()) {
            walk.watch = before.path("headSequence").asLong();
        }
        try (var lines = new MadeInParallel(format == Format.CSV ? csvLines(export) : jsonLines(export))) {
            while (lines.hasNext() && walk.problem == null) {
                walk.accept(lines.next());
            }
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

    /**
     * The checkpoint on the last line of a JSON Lines export ({@code {"checkpoint": ...}}), or null.
     * Only the end of the file is read: the last non-blank line, however long.
     */
    public static JsonNode trailerOf(Path export) throws IOException {
        String last = lastLine(export);
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

    private static String lastLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            for (int window = 64 * 1024; ; window = (int) Math.min(Integer.MAX_VALUE - 8, 4L * window)) {
                long from = Math.max(0, size - window);
                ByteBuffer tail = ByteBuffer.allocate((int) (size - from));
                while (tail.hasRemaining() && channel.read(tail, from + tail.position()) >= 0) {
                    // read the whole window
                }
                String text = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
                int end = text.length();
                while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                    end--; // blank lines and trailing spaces after the last line
                }
                int start = text.lastIndexOf('\n', end - 1) + 1;
                if (start > 0 || from == 0) {
                    return end == 0 ? null : text.substring(start, end);
                }
                // The window starts inside the last line (or its first bytes cut a character): widen it.
            }
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

    /**
     * One line of the export: an entry (with the hash it states, the hash it states it chains from,
     * each null unless 64 lower-case hex digits, and the hash its content gives when the latter is
     * one), the checkpoint, or why it could not be read. Made on a worker thread, so the thread
     * walking the chain only compares.
     */
    private record Line(
            long number,
            ObjectNode entry,
            boolean checkpoint,
            String unreadable,
            String stated,
            String statedPrevious,
            String computed,
            String unhashable) {

        static Line unreadable(long number, String why) {
            return new Line(number, null, false, why, null, null, null, null);
        }

        static Line checkpoint(long number) {
            return new Line(number, null, true, null, null, null, null, null);
        }

        /** An entry, hashed here: on the worker thread that read it, not on the one walking the chain. */
        static Line entry(long number, ObjectNode entry) {
            String stated = hash(entry, EntryDocument.HASH);
            String statedPrevious = hash(entry, EntryDocument.PREVIOUS_HASH);
            if (statedPrevious == null) {
                return new Line(number, entry, false, null, stated, null, null, null);
            }
            try {
                return new Line(
                        number, entry, false, null, stated, statedPrevious, ChainHash.of(statedPrevious, entry), null);
            } catch (IllegalArgumentException e) {
                return new Line(number, entry, false, null, stated, statedPrevious, null, e.getMessage());
            }
        }

        private static String hash(ObjectNode entry, String field) {
            String value = entry.path(field).asText(null);
            return ChainHash.isHash(value) ? value : null;
        }
    }

    /**
     * The lines of an export, read in order on the caller's thread and made (parsed and hashed) a
     * batch at a time on one thread per core, then handed back in order: the hashing is most of a
     * verification, and each line's hash needs only that line.
     */
    private static final class MadeInParallel implements Iterator<Line>, AutoCloseable {
        private static final int BATCH = 256;

        private final Iterator<Callable<Line>> source;
        private final ExecutorService workers;
        private final int ahead;
        private final ArrayDeque<Future<List<Line>>> pending = new ArrayDeque<>();
        private Iterator<Line> current = Collections.emptyIterator();

        MadeInParallel(Iterator<Callable<Line>> source) {
            this.source = source;
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            this.workers = Executors.newFixedThreadPool(threads, task -> {
                Thread thread = new Thread(task, "verify");
                thread.setDaemon(true);
                return thread;
            });
            this.ahead = 4 * threads;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                while (pending.size() < ahead && source.hasNext()) {
                    List<Callable<Line>> batch = new ArrayList<>(BATCH);
                    while (batch.size() < BATCH && source.hasNext()) {
                        batch.add(source.next());
                    }
                    pending.add(workers.submit(() -> {
                        List<Line> made = new ArrayList<>(batch.size());
                        for (Callable<Line> line : batch) {
                            made.add(line.call());
                        }
                        return made;
                    }));
                }
                Future<List<Line>> next = pending.poll();
                if (next == null) {
                    return false;
                }
                current = made(next).iterator();
            }
            return true;
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private static List<Line> made(Future<List<Line>> batch) {
            try {
                return batch.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while verifying", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            workers.shutdownNow();
        }
    }

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
        boolean trailerSeen;

        void accept(Line line) {
            if (line.unreadable() != null) {
                problem = "line " + line.number() + " cannot be read: " + line.unreadable();
                return;
            }
            if (trailerSeen) {
                problem = "line " + line.number() + " cannot be read: only the checkpoint may follow the last entry";
                return;
            }
            if (line.checkpoint()) {
                trailerSeen = true; // read by trailerOf; it must be the last line
                return;
            }
            ObjectNode entry = line.entry();
            JsonNode sequenceNode = entry.get(EntryDocument.SEQUENCE);
            String stated = line.stated();
            String statedPrevious = line.statedPrevious();
            if (sequenceNode == null || !sequenceNode.canConvertToLong() || stated == null || statedPrevious == null) {
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
            if (line.unhashable() != null) {
                problem = where + " cannot be hashed: " + line.unhashable();
                return;
            }
            if (!line.computed().equals(stated)) {
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

    /**
     * The non-blank lines of a JSON Lines export, each to be parsed and hashed: split as bytes (on
     * {@code \n}, a {@code \r} before it dropped) and parsed from its UTF-8 by the worker.
     */
    private static Iterator<Callable<Line>> jsonLines(InputStream export) {
        return new Iterator<>() {
            byte[] buffer = new byte[1 << 20];
            int start;
            int end;
            boolean eof;
            long number;
            Callable<Line> next = advance();

            private Callable<Line> advance() {
                try {
                    while (true) {
                        int newline = indexOf((byte) '\n', buffer, start, end);
                        if (newline < 0 && !eof) {
                            fill();
                            continue;
                        }
                        if (newline < 0 && start == end) {
                            return null;
                        }
                        int lineEnd = newline < 0 ? end : newline;
                        int from = start;
                        start = newline < 0 ? end : newline + 1;
                        number++;
                        if (lineEnd > from && buffer[lineEnd - 1] == '\r') {
                            lineEnd--;
                        }
                        if (!isBlank(buffer, from, lineEnd)) {
                            long at = number;
                            byte[] line = Arrays.copyOfRange(buffer, from, lineEnd);
                            return () -> parse(at, line);
                        }
                    }
                } catch (IOException e) {
                    eof = true;
                    start = end;
                    long at = number + 1;
                    return () -> Line.unreadable(at, e.getMessage());
                }
            }

            /** Moves what is left to the front (growing the buffer for a line longer than it) and reads more. */
            private void fill() throws IOException {
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                } else if (end == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int read = export.read(buffer, end, buffer.length - end);
                if (read < 0) {
                    eof = true;
                } else {
                    end += read;
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Callable<Line> next() {
                Callable<Line> current = next;
                next = advance();
                return current;
            }
        };
    }

    private static int indexOf(byte value, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0x0b && b != '\f') {
                return false;
            }
        }
        return true;
    }

    private static Line parse(long number, byte[] utf8) {
        JsonNode node;
        try {
            node = CanonicalJson.mapper().readTree(utf8);
        } catch (IOException e) {
            return Line.unreadable(number, "not JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            return Line.unreadable(number, "not a JSON object");
        }
        return object.has("checkpoint") ? Line.checkpoint(number) : Line.entry(number, object);
    }

    private static Iterator<Callable<Line>> csvLines(InputStream export) throws IOException {
        CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new InputStreamReader(export, StandardCharsets.UTF_8));
        if (!parser.getHeaderNames().equals(EntryDocument.CSV_COLUMNS)) {
            Callable<Line> header =
                    () -> Line.unreadable(1, "the header is not " + String.join(",", EntryDocument.CSV_COLUMNS));
            return List.of(header).iterator();
        }
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Callable<Line> next() {
                CSVRecord record;
                try {
                    record = records.next();
                } catch (RuntimeException e) {
                    long number = parser.getCurrentLineNumber();
                    return () -> Line.unreadable(number, "malformed CSV");
                }
                long number = record.getRecordNumber() + 1;
                if (!record.isConsistent()) {
                    return () -> Line.unreadable(number, "expected " + EntryDocument.CSV_COLUMNS.size() + " cells");
                }
                return () -> {
                    try {
                        return Line.entry(number, EntryDocument.fromCsv(record::get));
                    } catch (IllegalArgumentException e) {
                        return Line.unreadable(number, e.getMessage());
                    }
                };
            }
        };
    }
}
