package dev.artifacta.auditexport.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.format.CanonicalJson;
import dev.artifacta.auditexport.format.EntryDocument;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    String header() {
        return this == CSV ? csvRecord(EntryDocument.CSV_COLUMNS) : "";
    }

    String line(ObjectNode line) {
        if (this == CSV) {
            return csvRecord(EntryDocument.csvCells(line));
        }
        return json(line) + "\n";
    }

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
