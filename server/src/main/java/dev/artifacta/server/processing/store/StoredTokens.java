package dev.artifacta.server.processing.store;

import io.micronaut.core.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Tokens as {@code token_entry} stores them, read straight from the row. {@code
 * TokenStore.fetchToken} would claim the segment from whichever node holds it; monitoring, the
 * read-your-writes wait and a rebuild's switch-over only need to know where a segment stands.
 */
public final class StoredTokens {

    private StoredTokens() {}

    /**
     * The token in the columns {@code tokenColumn} (bytes) and {@code typeColumn} of the current
     * row, or {@code null} for a segment that has stored none yet.
     */
    public static @Nullable TrackingToken read(Serializer serializer, ResultSet row, int tokenColumn, int typeColumn)
            throws SQLException {
        byte[] token = row.getBytes(tokenColumn);
        String type = row.getString(typeColumn);
        if (token == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    /** The global index a stored token has applied up to; {@code absent} when there is none. */
    public static long position(@Nullable TrackingToken token, long absent) {
        return token == null ? absent : token.position().orElse(absent);
    }
}
