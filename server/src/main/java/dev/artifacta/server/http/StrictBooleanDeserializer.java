package dev.artifacta.server.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/** Reads only {@code true} or {@code false}: {@code "private":"yes"} must not make a public artifact. */
@Singleton
@Order(-100)
public class StrictBooleanDeserializer extends StrictJsonValue<Boolean> {

    @Override
    Boolean valueOf(JsonNode node) {
        return node.isBoolean() ? node.getBooleanValue() : null;
    }

    @Override
    String expected() {
        return "true or false";
    }
}
