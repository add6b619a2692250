package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.store.StoredTokens;
import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * A processor's rows in {@code token_entry}, read and written with plain SQL in the caller's
 * transaction: a rebuild needs to lock, read and overwrite them without claiming them the way
 * {@code TokenStore} would.
 */
final class TokenRows {

    private final Serializer serializer;

    TokenRows(Serializer serializer) {
        this.serializer = serializer;
    }

    /** Every segment's token, by segment, in segment order. */
    Map<Integer, TrackingToken> tokens(Connection connection, String processor) throws SQLException {
        var tokens = new LinkedHashMap<Integer, TrackingToken>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment")) {
            query.setString(1, processor);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tokens.put(rows.getInt(1), StoredTokens.read(serializer, rows, 2, 3));
                }
            }
        }
        return tokens;
    }

    /** Locks the processor's rows until the transaction ends and returns their segments. */
    static List<Integer> lock(Connection connection, String processor) throws SQLException {
        var segments = new ArrayList<Integer>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT segment FROM token_entry WHERE processor_name = ? ORDER BY segment FOR UPDATE")) {
            query.setString(1, processor);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    segments.add(rows.getInt(1));
                }
            }
        }
        return segments;
    }

    /**
     * Creates the processor's segments {@code 0..segments-1} without a token, unclaimed, where no
     * row exists yet (PostgreSQL).
     */
    static void create(Connection connection, String processor, int segments, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO token_entry (processor_name, segment, timestamp) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (int segment = 0; segment < segments; segment++) {
                insert.setString(1, processor);
                insert.setInt(2, segment);
                insert.setString(3, DateTimeUtils.formatInstant(at));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Gives every segment of the processor {@code token}, unclaimed: whichever node claims it next resumes there. */
    void handOver(Connection connection, String processor, @Nullable TrackingToken token, Instant at)
            throws SQLException {
        SerializedObject<byte[]> serialized = token == null ? null : serializer.serialize(token, byte[].class);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE token_entry SET token = ?, token_type = ?, owner = NULL, timestamp = ? WHERE processor_name = ?")) {
            update.setBytes(1, serialized == null ? null : serialized.getData());
            update.setString(2, serialized == null ? null : serialized.getType().getName());
            update.setString(3, DateTimeUtils.formatInstant(at));
            update.setString(4, processor);
            update.executeUpdate();
        }
    }

    /** Whether a node holds a claim on one of the processor's segments that it renewed after {@code fresh}. */
    static boolean claimedSince(Connection connection, String processor, Instant fresh) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT timestamp FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL")) {
            query.setString(1, processor);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String at = rows.getString(1);
                    if (at != null && DateTimeUtils.parseInstant(at).isAfter(fresh)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static void delete(Connection connection, String processor) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM token_entry WHERE processor_name = ?")) {
            delete.setString(1, processor);
            delete.executeUpdate();
        }
    }
}
