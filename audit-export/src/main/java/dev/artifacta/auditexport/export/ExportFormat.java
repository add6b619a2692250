package dev.artifacta.auditexport.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.format.CanonicalJson;
import dev.artifacta.auditexport.format.EntryDocument;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The export file formats: what goes before, for and after the entries. */
public enum ExportFormat {
    /** One JSON document per line; the last line is {@code {"checkpoint": {...}}}. */
    JSONL("application/x-ndjson", "jsonl"),
    /** RFC 4180 CSV with a header row; the checkpoint is fetched separately. */
    CSV("text/csv", "csv");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public static java.util.Optional<ExportFormat> parse(String value) {
        for (ExportFormat format : values()) {
            if (format.extension.equalsIgnoreCase(value)) {
                return java.util.Optional.of(format);
            }
        }
        return java.util.Optional.empty();
    }

    /** What comes before the entries (the CSV header row). */
    public byte[] opening() {
        return header().getBytes(StandardCharsets.UTF_8);
    }

    /** The lines of these entries. */
    public byte[] lines(AuditExporter.Rows rows) {
        var out = new ByteArrayOutputStream(rows.entries.size() * 1024);
        try (Lines lines = writer(out)) {
            for (ExportRow row : rows.entries) {
                lines.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What comes after the entries (the JSON Lines checkpoint line). */
    public byte[] closing(AuditExporter.Plan plan) {
        return trailer(plan.checkpoint()).getBytes(StandardCharsets.UTF_8);
    }

    String header() {
        return this == CSV ? csvRecord(EntryDocument.CSV_COLUMNS) : "";
    }

    String line(ObjectNode line) {
        if (this == CSV) {
            return csvRecord(EntryDocument.csvCells(line));
        }
        return json(line) + "\n";
    }

    /**
     * Writes entries' lines (each as {@link #line} of {@link RowDocuments#line} makes it) into {@code
     * out}; {@link Lines#close} flushes what is buffered and leaves {@code out} open.
     */
    Lines writer(OutputStream out) {
        return new Lines(this, out);
    }

    /** The lines of a run of entries; JSON Lines share one generator (one per line was a fourteenth of the export). */
    static final class Lines implements Closeable {
        private final ExportFormat format;
        private final OutputStream out;
        private final JsonGenerator generator;

        private Lines(ExportFormat format, OutputStream out) {
            this.format = format;
            this.out = out;
            try {
                this.generator = format == JSONL ? LINES.createGenerator(out) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(ExportRow row) throws IOException {
            if (generator == null) {
                out.write(format.line(RowDocuments.line(row.decoded())).getBytes(StandardCharsets.UTF_8));
                return;
            }
            RowDocuments.writeLine(row, generator);
            generator.writeRaw('\n');
        }

        @Override
        public void close() throws IOException {
            if (generator != null) {
                generator.close();
            }
        }
    }

    /**
     * Makes generators that write as {@link #json} does, into a stream they leave open, with
     * nothing between root values (each line ends in a newline written raw). Jackson's UTF-8
     * generator would escape a character outside the BMP as two {@code \\u} surrogates where the
     * text one writes it as is; combining them keeps the bytes identical (ExportFormatTest).
     */
    private static final ObjectWriter LINES = CanonicalJson.mapper()
            .writer()
            .withRootValueSeparator("")
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    String trailer(JsonNode checkpoint) {
        if (this == CSV) {
            return "";
        }
        ObjectNode wrapper = CanonicalJson.mapper().createObjectNode();
        wrapper.set("checkpoint", checkpoint);
        return json(wrapper) + "\n";
    }

    private static String json(JsonNode node) {
        try {
            return CanonicalJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String csvRecord(Iterable<?> cells) {
        var out = new StringWriter();
        try (var printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
