package dev.artifacta.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The scopes an API key can carry. Their string values are stored in events and shown to users, so
 * they are part of the contract: add new ones, never rename.
 */
public enum ApiScope {
    ARTIFACTS_READ("artifacts:read"),
    ARTIFACTS_CREATE("artifacts:create"),
    ARTIFACTS_UPDATE("artifacts:update"),
    ARTIFACTS_DELETE("artifacts:delete"),
    ARTIFACTS_SHARE("artifacts:share"),
    ARTIFACTS_ACCESS_READ("artifacts:access:read"),
    ARTIFACTS_ACCESS_WRITE("artifacts:access:write"),
    COMMENTS_WRITE("comments:write"),
    AGENTS_MANAGE("agents:manage"),
    MEMBERS_READ("members:read"),
    MEMBERS_MANAGE("members:manage"),
    AUDIT_READ("audit:read");

    /**
     * What a key gets when its creator names no scopes: the product pages' editor scope, read and
     * write on artifacts, their versions and their comments.
     */
    public static final List<ApiScope> DEFAULTS =
            List.of(ARTIFACTS_READ, ARTIFACTS_CREATE, ARTIFACTS_UPDATE, COMMENTS_WRITE);

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    /** The scope as users write it, for example {@code artifacts:read}. */
    public String value() {
        return value;
    }

    public static Optional<ApiScope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    public static List<String> allValues() {
        return Arrays.stream(values()).map(ApiScope::value).toList();
    }
}
