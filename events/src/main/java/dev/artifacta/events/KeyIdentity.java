package dev.artifacta.events;

import java.util.Objects;

/**
 * Who an API key acts as: the tenant's owning user, or a named agent. Actions made with the key are
 * attributed to this identity.
 *
 * @param type {@link #USER} or {@link #AGENT}
 * @param name the user's email for {@code user}, the agent's name for {@code agent}
 */
public record KeyIdentity(String type, String name) {

    public static final String USER = "user";
    public static final String AGENT = "agent";

    public KeyIdentity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static KeyIdentity user(String email) {
        return new KeyIdentity(USER, email);
    }

    public static KeyIdentity agent(String agentName) {
        return new KeyIdentity(AGENT, agentName);
    }
}
