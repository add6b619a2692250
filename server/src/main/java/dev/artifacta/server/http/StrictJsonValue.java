package dev.artifacta.server.http;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import java.io.IOException;

/**
 * A deserializer that takes one JSON type and nothing else (null stays null). Serde's defaults
 * convert between types ({@code "yes"} to false, {@code ["x"]} to {@code "x"}); request bodies
 * must say what they mean, so anything else is refused with 400.
 *
 * @param <T> the Java type read
 */
abstract class StrictJsonValue<T> implements Deserializer<T> {

    /** The value of a non-null node, or null when the node has the wrong JSON type. */
    abstract T valueOf(JsonNode node);

    /** What the refusal says was expected, e.g. "a JSON string". */
    abstract String expected();

    @Override
    public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isNull()) {
            return null;
        }
        T value = valueOf(node);
        if (value == null) {
            throw decoder.createDeserializationException("expected " + expected(), null);
        }
        return value;
    }

    @Override
    public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
        return deserialize(decoder, context, type);
    }

    @Override
    public boolean allowNull() {
        return true;
    }
}
