package dev.artifacta.server.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.math.BigDecimal;

/** Reads only a whole JSON number as a long: not {@code "1"}, {@code [1]} or {@code 1.5}. */
@Singleton
@Order(-100)
public class StrictLongDeserializer extends StrictJsonValue<Long> {

    @Override
    Long valueOf(JsonNode node) {
        if (!node.isNumber()) {
            return null;
        }
        try {
            return new BigDecimal(node.getNumberValue().toString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    @Override
    String expected() {
        return "a whole number";
    }
}
