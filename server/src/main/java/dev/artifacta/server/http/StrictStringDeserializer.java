package dev.artifacta.server.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/**
 * Reads a JSON string as a string and nothing else: Serde's default quietly unwraps a one-element
 * array ({@code {"plan":["pro"]}} would act as {@code "pro"}). Strings with NUL characters are
 * refused too: no database column can hold them, and an event carrying one could never be
 * projected.
 */
@Singleton
@Order(-100)
public class StrictStringDeserializer extends StrictJsonValue<String> {

    @Override
    String valueOf(JsonNode node) {
        return node.isString() && node.getStringValue().indexOf('\u0000') < 0 ? node.getStringValue() : null;
    }

    @Override
    String expected() {
        return "a JSON string without NUL characters";
    }
}
