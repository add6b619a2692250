package dev.artifacta.server.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Reads a JSON string as a string and nothing else. Serde's default quietly unwraps a one-element
 * array ({@code {"plan":["pro"]}} would act as {@code "pro"}); a request with the wrong JSON type
 * must be refused with 400 instead. Strings with NUL characters are refused too: no database
 * column can hold them, and an event carrying one could never be projected.
 */
@Singleton
@Order(-100)
public class StrictStringDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type)
            throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw decoder.createDeserializationException("expected a JSON string", null);
        }
        String value = node.getStringValue();
        if (value.indexOf('\u0000') >= 0) {
            // PostgreSQL cannot store NUL in text; refused here, it can never stall a projection.
            throw decoder.createDeserializationException("strings must not contain NUL characters", null);
        }
        return value;
    }

    @Override
    public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type)
            throws IOException {
        return deserialize(decoder, context, type);
    }

    @Override
    public boolean allowNull() {
        return true;
    }
}
