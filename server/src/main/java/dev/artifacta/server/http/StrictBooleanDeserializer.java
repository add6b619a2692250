package dev.artifacta.server.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Reads only {@code true}, {@code false} or null as a boolean. Serde's default turns {@code "yes"}
 * or {@code 0} into one, so {@code "private":"yes"} would quietly create a public artifact.
 */
@Singleton
@Order(-100)
public class StrictBooleanDeserializer implements Deserializer<Boolean> {

    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
            throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw decoder.createDeserializationException("expected true or false", null);
        }
        return node.getBooleanValue();
    }

    @Override
    public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
            throws IOException {
        return deserialize(decoder, context, type);
    }

    @Override
    public boolean allowNull() {
        return true;
    }
}
