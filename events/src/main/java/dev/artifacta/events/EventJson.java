package dev.artifacta.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How events, metadata and tokens are written as JSON in the event store. The server's Axon
 * serializer and the contract test both use this, so what the test pins is what is stored.
 */
public final class EventJson {

    private static final JsonFactory STREAMING = new JsonFactory();

    private EventJson() {}

    /**
     * The string values of the top-level members {@code names} of stored JSON, read with a streaming
     * parser without deserializing the rest, and no further than the last of them; a member that is
     * null is left out. {@code null} when the text is not a JSON object, or one of those members
     * holds something other than a string or null. For hot paths that need a few members of every
     * event's payload or metadata.
     */
    public static Map<String, String> topLevelStrings(byte[] json, Set<String> names) {
        Map<String, String> scanned = TopLevelScan.strings(json, names);
        if (scanned != TopLevelScan.UNDECIDED) {
            return scanned;
        }
        return parsedTopLevelStrings(json, names);
    }

    /** {@link #topLevelStrings} as Jackson's streaming parser reads it: where the scan cannot decide. */
    static Map<String, String> parsedTopLevelStrings(byte[] json, Set<String> names) {
        try (JsonParser parser = STREAMING.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, String> values = new HashMap<>(2 * names.size());
            int seen = 0;
            while (seen < names.size() && parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!names.contains(name)) {
                    parser.skipChildren();
                    continue;
                }
                seen++;
                if (value == JsonToken.VALUE_STRING) {
                    values.put(name, parser.getText());
                } else if (value != JsonToken.VALUE_NULL) {
                    return null;
                }
            }
            if (seen < names.size() && parser.currentToken() != JsonToken.END_OBJECT) {
                return null; // cut short
            }
            return values;
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * The mapper for aggregate snapshots: the same settings, reading and writing fields directly
     * (aggregates keep their state in private fields, without getters).
     */
    public static ObjectMapper snapshotMapper() {
        ObjectMapper mapper = objectMapper();
        mapper.setVisibility(mapper.getSerializationConfig()
                .getDefaultVisibilityChecker()
                .withFieldVisibility(com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
                .withGetterVisibility(com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
                .withIsGetterVisibility(com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
                .withSetterVisibility(com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
                .withCreatorVisibility(com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY));
        return mapper;
    }

    /** A new mapper with the stored-contract settings: ISO-8601 instants, lenient on unknown fields. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // A node on an older revision must not crash on a field it does not know yet.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
