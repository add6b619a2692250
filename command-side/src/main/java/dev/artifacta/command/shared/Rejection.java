package dev.artifacta.command.shared;

import java.util.Map;

/**
 * A business rule said no. Each rejection has a stable {@link #type()} (part of the public error
 * contract: the HTTP layer turns it into a problem type URI), a human detail, and the kind of
 * refusal, which the HTTP layer maps to a status.
 */
public abstract class Rejection extends RuntimeException {

    /** What sort of refusal this is; the HTTP layer maps each to one status. */
    public enum Kind {
        /** The target does not exist for this caller (also used to hide other tenants' data). */
        NOT_FOUND,
        /** The request conflicts with the current state (taken name, limit reached). */
        CONFLICT,
        /** The request is well formed but breaks a rule of the domain. */
        INVALID,
        /** The caller may not do this (plan, role). */
        FORBIDDEN,
        /** The caller's precondition (an expected version) no longer holds. */
        PRECONDITION_FAILED
    }

    private final Kind kind;
    private final String type;

    protected Rejection(Kind kind, String type, String detail) {
        // Details quote input back (a name, a scope) and are logged by Axon: never let a key through.
        super(SecretText.redact(detail), null, false, false);
        this.kind = kind;
        this.type = type;
    }

    public Kind kind() {
        return kind;
    }

    /** A stable slug such as {@code api-key-limit-reached}. */
    public String type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra machine-readable facts for the problem body (for example the limit and the plan). */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
