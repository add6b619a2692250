package dev.artifacta.server.access;

import dev.artifacta.events.ApiScope;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Artifact roles, from most to least privileged: owner > admin > editor > viewer. */
public enum Role {
    VIEWER,
    EDITOR,
    ADMIN,
    OWNER;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /**
     * The scopes a person with this workspace role holds when acting without a key (a signed-in
     * session), and so the most any key they create can carry: everyone reads, comments, sees the
     * members and manages their own keys; editors also create and update artifacts; admins and
     * owners hold every scope (the audit log, sharing, access settings, deleting, managing members).
     */
    public Set<String> scopes() {
        EnumSet<ApiScope> scopes =
                switch (this) {
                    case VIEWER ->
                        EnumSet.of(
                                ApiScope.ARTIFACTS_READ,
                                ApiScope.COMMENTS_WRITE,
                                ApiScope.MEMBERS_READ,
                                ApiScope.AGENTS_MANAGE);
                    case EDITOR ->
                        EnumSet.of(
                                ApiScope.ARTIFACTS_READ,
                                ApiScope.ARTIFACTS_CREATE,
                                ApiScope.ARTIFACTS_UPDATE,
                                ApiScope.COMMENTS_WRITE,
                                ApiScope.MEMBERS_READ,
                                ApiScope.AGENTS_MANAGE);
                    case ADMIN, OWNER -> EnumSet.allOf(ApiScope.class);
                };
        return scopes.stream().map(ApiScope::value).collect(Collectors.toUnmodifiableSet());
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String value) {
        for (Role role : values()) {
            if (role.value().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
