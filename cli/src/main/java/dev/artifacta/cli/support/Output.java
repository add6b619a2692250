package dev.artifacta.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints results: JSON on stdout with {@code --format json}, aligned columns or "Field: value"
 * lines otherwise. Warnings and errors go to stderr, so stdout stays parseable.
 */
public final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;

    public Output(PrintWriter out, PrintWriter err, OutputFormat format) {
        this.out = out;
        this.err = err;
        this.format = format;
    }

    public boolean json() {
        return format == OutputFormat.JSON;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public void json(JsonNode node) {
        out.println(Json.pretty(node));
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public void warn(String text) {
        err.println("warning: " + text);
        err.flush();
    }

    public void note(String text) {
        err.println(text);
        err.flush();
    }

    /** Columns for a list: each column a header and a field path into every item. */
    public void table(JsonNode items, String... headersAndPaths) {
        List<String> headers = new ArrayList<>();
        List<String[]> paths = new ArrayList<>();
        for (int i = 0; i < headersAndPaths.length; i += 2) {
            headers.add(headersAndPaths[i]);
            paths.add(headersAndPaths[i + 1].split("\\."));
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : items) {
            List<String> row = new ArrayList<>();
            for (String[] path : paths) {
                row.add(Json.text(item, path));
            }
            rows.add(row);
        }
        rows(headers, rows);
    }

    public void rows(List<String> headers, List<List<String>> rows) {
        if (rows.isEmpty()) {
            err.println("(none)");
            err.flush();
            return;
        }
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(headers, widths);
        for (List<String> row : rows) {
            printRow(row, widths);
        }
        out.flush();
    }

    private void printRow(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /** "Field: value" lines, aligned; empty values are left out. */
    public void fields(Map<String, String> fields) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        fields.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                out.println((name + ":") + " ".repeat(width - name.length()) + value);
            }
        });
        out.flush();
    }

    public static Map<String, String> fields() {
        return new LinkedHashMap<>();
    }

    /** 10,000 (grouped, as people read it). */
    public static String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    /** 0 B, 1.5 KiB, 1 GiB. */
    public static String bytes(long value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double scaled = value;
        int unit = 0;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        if (unit == 0 || scaled == Math.rint(scaled)) {
            return (long) scaled + " " + units[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }
}
