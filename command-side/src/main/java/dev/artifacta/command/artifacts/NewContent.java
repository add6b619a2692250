package dev.artifacta.command.artifacts;

import java.util.Objects;

/**
 * Content a command brings: the bytes travel in memory to the content store and never into an
 * event. {@link #toString()} leaves the bytes out.
 *
 * @param bytes the content
 * @param contentType its media type
 * @param fileName its file name, or null
 */
public record NewContent(byte[] bytes, String contentType, String fileName) {

    public NewContent {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public String toString() {
        return "NewContent[" + bytes.length + " bytes, " + contentType + ", " + fileName + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NewContent that
                && java.util.Arrays.equals(bytes, that.bytes)
                && contentType.equals(that.contentType)
                && Objects.equals(fileName, that.fileName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(bytes), contentType, fileName);
    }
}
