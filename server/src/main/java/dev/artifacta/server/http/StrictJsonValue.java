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

    /** What the refusal says was expected, e.g. "a string". */
    abstract String expected();

    /** Why a value of the right JSON type is refused anyway, or null when it is accepted. */
    String refusal(T value) {
        return null;
    }

    @Override
    public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isNull()) {
            return null;
        }
        T value = valueOf(node);
        if (value == null) {
            throw new InvalidJsonValue(field(type) + "must be " + expected());
        }
        String refusal = refusal(value);
        if (refusal != null) {
            throw new InvalidJsonValue(field(type) + refusal);
        }
        return value;
    }

    @Override
    public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
        return deserialize(decoder, context, type);
    }

    /**
     * "field 'name' " for a property of the request (Serde passes the property's argument), or
     * "a value " for an element of a list, whose argument is named after its type.
     */
    private static String field(Argument<?> type) {
        String name = type.getName();
        boolean property = name != null
                && name.matches("[a-z][A-Za-z0-9]{0,63}")
                && !name.equalsIgnoreCase(type.getType().getSimpleName());
        return property ? "field '" + name + "' " : "a value ";
    }

    @Override
    public boolean allowNull() {
        return true;
    }
}
