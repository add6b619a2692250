package dev.artifacta.auditexport.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.auditexport.checkpoint.Ed25519Keys;
import dev.artifacta.auditexport.format.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Optional;

/**
 * How a verifier reads what a user hands it: the export's format, the signing key and checkpoints.
 * Shared by {@code bin/audit-verify} and the CLI's {@code audit verify}, so both accept the same files.
 */
public final class VerifyInputs {

    private VerifyInputs() {}

    /**
     * The export's format: the one named ({@code jsonl}, {@code ndjson} or {@code csv}), else from
     * the file name ({@code .csv}, otherwise JSON Lines); empty when the named one is unknown.
     */
    public static Optional<ExportVerifier.Format> format(Path export, String named) {
        String chosen = (named != null ? named : export.getFileName().toString().endsWith(".csv") ? "csv" : "jsonl")
                .toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "csv" -> Optional.of(ExportVerifier.Format.CSV);
            case "jsonl", "ndjson" -> Optional.of(ExportVerifier.Format.JSONL);
            default -> Optional.empty();
        };
    }

    /**
     * The Ed25519 public key in a text: the JSON of {@code GET /v1/audit-events/signing-key}, a PEM
     * block, or base64 of the X.509 encoding.
     */
    public static PublicKey publicKey(String text) throws IOException {
        String key = text.strip();
        if (key.startsWith("{")) {
            key = CanonicalJson.mapper().readTree(key).path("publicKey").asText();
        }
        return Ed25519Keys.publicKey(key);
    }

    /**
     * A checkpoint file, as the API serves it or wrapped as on a JSON Lines export's last line;
     * null for no file.
     */
    public static JsonNode checkpoint(Path file) throws IOException {
        if (file == null) {
            return null;
        }
        JsonNode json = CanonicalJson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        return json != null && json.path("checkpoint").isObject() ? json.get("checkpoint") : json;
    }
}
