package dev.artifacta.server.access;

/** What the access policy answered, and why when it refused. */
public sealed interface Decision {

    /** Allowed. */
    record Allow() implements Decision {}

    /** The caller cannot see the artifact at all (answered 404, which reveals nothing). */
    record Hidden() implements Decision {}

    /** An API key lacks the scope the action needs (403). */
    record MissingScope(String scope) implements Decision {}

    /** The caller's role is below what the action needs (403). */
    record RoleTooLow(Role has, Role needs) implements Decision {}

    default boolean allowed() {
        return this instanceof Allow;
    }
}
