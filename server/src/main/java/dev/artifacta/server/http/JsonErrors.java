package dev.artifacta.server.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in the API's terms why a request body could not be read, from the exception Micronaut
 * reports ("Failed to convert argument [body] for value [null] due to: …" names Java, not the API).
 */
final class JsonErrors {

    /** Serde's refusal of a field the request type does not have. */
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]{1,100})]");

    private JsonErrors() {}

    static Optional<String> describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJsonValue invalid) {
                return Optional.of(invalid.getMessage());
            }
            Matcher unknown = UNKNOWN_PROPERTY.matcher(String.valueOf(cause.getMessage()));
            if (unknown.find()) {
                return Optional.of("unknown field '" + unknown.group(1) + "'");
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
