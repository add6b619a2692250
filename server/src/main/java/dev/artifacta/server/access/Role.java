package dev.artifacta.server.access;

import java.util.Locale;
import java.util.Optional;

/** Artifact roles, from most to least privileged: owner > admin > editor > viewer. */
public enum Role {
    VIEWER,
    EDITOR,
    ADMIN,
    OWNER;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
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
