package dev.artifacta.events;

/**
 * Whom an action is attributed to in the metadata of the events it causes: the {@link Actor}, and
 * for an agent the user who sponsors it. The server's principals and a bare {@link Actor} (signup,
 * the admin API, start-up steps) both are one.
 */
public interface Attribution {

    /** Who did it, as the audit trail records it. */
    Actor actor();

    /** The user who answers for an agent actor, or null. */
    default String sponsor() {
        return null;
    }
}
