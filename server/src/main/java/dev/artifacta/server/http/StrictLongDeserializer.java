package dev.artifacta.server.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;

/** Reads only a whole JSON number (or null) as a long: not {@code "1"}, {@code [1]} or {@code 1.5}. */
@Singleton
@Order(-100)
public class StrictLongDeserializer implements Deserializer<Long> {

    @Override
    public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw decoder.createDeserializationException("expected a whole number", null);
        }
        try {
            return new BigDecimal(node.getNumberValue().toString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw decoder.createDeserializationException("expected a whole number", null);
        }
    }

    @Override
    public Long deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Long> type)
            throws IOException {
        return deserialize(decoder, context, type);
    }

    @Override
    public boolean allowNull() {
        return true;
    }
}
