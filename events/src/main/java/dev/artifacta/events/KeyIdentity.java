package dev.artifacta.events;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Who an API key acts as: a user of the tenant, or one of its agents. Actions made with the key are
 * attributed to this identity.
 *
 * @param type {@link #USER} or {@link #AGENT}
 * @param name the user's email for {@code user}; the agent's name when the key was created for
 *     {@code agent}
 * @param agentId the agent's id for {@code agent}, null for {@code user}
 */
public record KeyIdentity(String type, String name, String agentId) {

    public static final String USER = "user";
    public static final String AGENT = "agent";

    public KeyIdentity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static KeyIdentity user(String email) {
        return new KeyIdentity(USER, email, null);
    }

    public static KeyIdentity agent(String agentId, String agentName) {
        return new KeyIdentity(AGENT, agentName, Objects.requireNonNull(agentId, "agentId"));
    }

    public boolean actsAsAgent() {
        return AGENT.equals(type);
    }

    /**
     * The id of the agent made for keys that named an agent only by name (revision 1 of
     * {@link ApiKeyCreated}): a name-based UUID of the tenant and the name, so the upcaster and
     * the start-up step that creates those agents agree without a table between them.
     */
    public static String legacyAgentId(String tenantId, String agentName) {
        return UUID.nameUUIDFromBytes(
                        ("artifacta-agent:" + tenantId + ":" + agentName).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
