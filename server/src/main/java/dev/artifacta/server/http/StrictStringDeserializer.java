package dev.artifacta.server.http;

import dev.artifacta.command.shared.SecretText;
import io.micronaut.core.annotation.Order;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/**
 * Reads a JSON string as a string and nothing else: Serde's default quietly unwraps a one-element
 * array ({@code {"plan":["pro"]}} would act as {@code "pro"}). Strings with NUL characters are
 * refused too: no database column can hold them, and an event carrying one could never be
 * projected; so are strings with an unpaired surrogate ({@code "\ud800"}), which are not Unicode
 * text and would be stored as '?'; and so are strings holding text shaped like an API key or a
 * share-link token, which would be stored for ever in an event. The rule for names, titles and file names goes further
 * ({@code PlainText} on the command side, docs/api.md "Text fields").
 */
@Singleton
@Order(-100)
public class StrictStringDeserializer extends StrictJsonValue<String> {

    @Override
    String valueOf(JsonNode node) {
        return node.isString() ? node.getStringValue() : null;
    }

    @Override
    String expected() {
        return "a string";
    }

    @Override
    String refusal(String value) {
        if (SecretText.containsKey(value)) {
            return "contains what looks like an API key or share-link token (ak_live_…, sl_live_…);"
                    + " secrets are never stored, so the request is refused (if it is a real key, revoke it)";
        }
        if (value.indexOf('\u0000') >= 0) {
            return "contains a NUL character, which cannot be stored";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (" + String.format("\\u%04x", (int) c)
                        + "), which is not Unicode text";
            }
        }
        return null;
    }
}
