package dev.artifacta.server.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.artifacta.command.shared.SecretText;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem body. {@code type} is a stable URI per kind of problem; {@code detail} says
 * what went wrong in words; extension members carry machine-readable facts (limit, plan, scope).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "Problem",
        description = "An RFC 9457 problem. type is a stable URI per kind of problem (https://artifacta.dev/problems/"
                + "<slug>); detail says what went wrong in words; extension members carry facts such as requiredScope,"
                + " limit, plan, errors (field violations) or requestId.",
        requiredProperties = {"type", "title", "status"},
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public final class Problem {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://artifacta.dev/problems/";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final Map<String, Object> extensions;

    public Problem(
            String type, String title, int status, String detail, String instance, Map<String, Object> extensions) {
        this.type = type;
        this.title = title;
        this.status = status;
        // Details may quote input back (a parser's message, a name): a problem never carries a key.
        this.detail = SecretText.redact(detail);
        this.instance = SecretText.redact(instance);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    /** A problem of type {@code https://artifacta.dev/problems/<slug>}. */
    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, Map.of());
    }

    public Problem with(String key, Object value) {
        var copy = new LinkedHashMap<>(extensions);
        copy.put(key, value);
        return new Problem(type, title, status, detail, instance, copy);
    }

    /** The problem at a request path; a share-link token in the path is masked. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, SecretText.redact(path), extensions);
    }

    @Schema(format = "uri", description = "The kind of problem; stable.")
    public String getType() {
        return type;
    }

    @Schema(description = "A short summary of the kind of problem.")
    public String getTitle() {
        return title;
    }

    @Schema(description = "The HTTP status.", minimum = "100", maximum = "599")
    public int getStatus() {
        return status;
    }

    @Schema(description = "What went wrong, in words.")
    public String getDetail() {
        return detail;
    }

    @Schema(description = "The request's path.")
    public String getInstance() {
        return instance;
    }

    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
