package dev.artifacta.cli.artifacts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.CliException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A file to upload: text (a textual type and valid UTF-8) travels as {@code content}, anything else
 * as {@code contentBase64}. The content type is the one given, else guessed from the extension,
 * else text/plain for UTF-8 text without NUL characters, else application/octet-stream.
 */
record ContentFile(String fileName, String contentType, boolean text, byte[] bytes) {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("markdown", "text/markdown; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("log", "text/plain; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"));

    static ContentFile read(Path file, String contentType) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString();
        String type = contentType != null ? contentType : TYPES.get(extension(name));
        boolean utf8 = isUtf8(bytes);
        if (type == null) {
            boolean text = utf8 && !containsNul(bytes);
            return new ContentFile(name, text ? "text/plain; charset=utf-8" : "application/octet-stream", text, bytes);
        }
        return new ContentFile(name, type, utf8 && textual(type), bytes);
    }

    /** Sets content or contentBase64, contentType and fileName on a request body. */
    void into(ObjectNode body) {
        if (text) {
            body.put("content", new String(bytes, StandardCharsets.UTF_8));
        } else {
            body.put("contentBase64", Base64.getEncoder().encodeToString(bytes));
        }
        body.put("contentType", contentType);
        body.put("fileName", fileName);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The types the server diffs as text. */
    static boolean textual(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("text/")
                || t.contains("json")
                || t.contains("xml")
                || t.contains("yaml")
                || t.contains("javascript");
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean containsNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
