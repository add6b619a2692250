package dev.artifacta.command.artifacts;

import dev.artifacta.events.ContentRef;
import java.util.Objects;

/**
 * Content a command brings: the bytes travel in memory to the content store and never into an
 * event. {@link #toString()} leaves the bytes out.
 *
 * @param bytes the content
 * @param contentType its media type; null only in an append, where it means the previous
 *     version's
 * @param fileName its file name; null means none on a creation and the previous version's in an
 *     append
 */
public record NewContent(byte[] bytes, String contentType, String fileName) {

    public NewContent {
        Objects.requireNonNull(bytes, "bytes");
    }

    /**
     * This content with the type and the file name it leaves open taken from the version it follows:
     * a new version of a {@code text/markdown} file named {@code notes.md} stays one unless it says
     * otherwise.
     */
    public NewContent following(ContentRef previous) {
        return new NewContent(
                bytes,
                contentType != null ? contentType : previous.contentType(),
                fileName != null ? fileName : previous.fileName());
    }

    @Override
    public String toString() {
        return "NewContent[" + bytes.length + " bytes, " + contentType + ", " + fileName + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NewContent that
                && java.util.Arrays.equals(bytes, that.bytes)
                && Objects.equals(contentType, that.contentType)
                && Objects.equals(fileName, that.fileName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(bytes), contentType, fileName);
    }
}
