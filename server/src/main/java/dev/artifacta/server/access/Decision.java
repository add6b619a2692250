package dev.artifacta.server.access;

/** What the access policy answered, and why when it refused. */
public sealed interface Decision {

    /** Allowed. */
    record Allow() implements Decision {}

    /** The caller cannot see the target at all (answered 404, which reveals nothing). */
    record Hidden() implements Decision {}

    /** The caller lacks the scope the action needs (403). */
    record MissingScope(String scope) implements Decision {}

    /** The caller's role is below what the action needs (403). */
    record RoleTooLow(Role has, Role needs) implements Decision {}

    /** The target credential or identity is above the caller's own authority (403). */
    record IdentityEscalation(String detail) implements Decision {}

    /** The target credential holds a scope the caller does not (403). */
    record ScopeEscalation(String scope) implements Decision {}

    /** The action is attributed to a person or an agent, and this caller is neither (401). */
    record IdentityRequired() implements Decision {}

    default boolean allowed() {
        return this instanceof Allow;
    }
}
