package dev.artifacta.server.console;

import io.micronaut.http.uri.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * A submitted HTML form ({@code application/x-www-form-urlencoded}), read as the browser sent it:
 * bound as a record, repeated fields (checkboxes) and empty ones would meet the strict JSON rules.
 */
record Form(Map<String, List<String>> fields) {

    static Form of(String body) {
        return new Form(new QueryStringDecoder(body == null ? "" : body, false).parameters());
    }

    /** The field's value, stripped; null when absent or blank. */
    String value(String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            return null;
        }
        return values.getFirst().strip();
    }

    /** Each field's first value, to fill a form in again after a refusal. */
    static Map<String, String> firstValues(Map<String, List<String>> fields) {
        Map<String, String> first = new java.util.HashMap<>();
        fields.forEach((name, values) -> {
            if (!values.isEmpty()) {
                // A pasted key goes back to the page masked, never as typed.
                first.put(name, dev.artifacta.command.shared.SecretText.redact(values.getFirst()));
            }
        });
        return first;
    }

    List<String> values(String name) {
        return fields.getOrDefault(name, List.of());
    }
}
