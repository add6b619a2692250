package dev.artifacta.server.artifacts;

import dev.artifacta.command.artifacts.NewContent;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns a request's {@code content} (text) or {@code contentBase64} (bytes) into content, within
 * the per-version size limit ({@code artifacta.content.max-version-bytes}, 413 beyond it).
 */
@Singleton
public class ContentLimits {

    private final long maxVersionBytes;

    public ContentLimits(@Value("${artifacta.content.max-version-bytes:26214400}") long maxVersionBytes) {
        this.maxVersionBytes = maxVersionBytes;
    }

    /** A new artifact's content: without a type, text is UTF-8 plain text and bytes are octet-stream. */
    public NewContent contentOf(String text, String base64, String contentType, String fileName) {
        String type = contentType != null
                ? contentType
                : text != null ? "text/plain; charset=utf-8" : "application/octet-stream";
        return new NewContent(bytesOf(text, base64), type, fileName);
    }

    /**
     * A new version's content: a type or file name it leaves out stays null, for the command side
     * to take from the version it follows.
     */
    public NewContent versionOf(String text, String base64, String contentType, String fileName) {
        return new NewContent(bytesOf(text, base64), contentType, fileName);
    }

    private byte[] bytesOf(String text, String base64) {
        if ((text == null) == (base64 == null)) {
            throw Problems.invalid("invalid-content", "Send exactly one of content (text) and contentBase64 (bytes).");
        }
        byte[] bytes;
        if (text != null) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw Problems.badRequest("invalid-base64", "contentBase64 is not valid base64.");
            }
        }
        if (bytes.length > maxVersionBytes) {
            throw new ProblemException(Problem.of(
                            "content-too-large",
                            "Content too large",
                            413,
                            "A version is at most " + maxVersionBytes + " bytes; this one has " + bytes.length + ".")
                    .with("limitBytes", maxVersionBytes));
        }
        return bytes;
    }
}
