package dev.artifacta.auditexport.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The JSON Canonicalization Scheme (RFC 8785): members sorted by their UTF-16 code units, no
 * whitespace, ECMAScript number and string forms. Two documents with the same content have the same
 * canonical bytes whatever the order or spacing they were written in.
 */
public final class CanonicalJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of a JSON document. */
    public static byte[] bytes(JsonNode document) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(document)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON document", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical form as text. */
    public static String text(JsonNode document) {
        return new String(bytes(document), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The shared mapper for reading and writing export documents. */
    public static ObjectMapper mapper() {
        return JSON;
    }
}
