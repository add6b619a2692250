package dev.artifacta.events;

import java.util.Objects;

/**
 * Who did something: recorded as metadata on every command and event (see {@link AuditMetadata}).
 *
 * @param type the principal type: {@code user}, {@code api_key}, {@code agent}, {@code oauth_client},
 *     {@code share_link} or {@code service}
 * @param id the principal's id (key id, user email, service name)
 * @param displayName how audit readers see the actor, for example {@code API Key: CI Pipeline}
 * @param keyId the API key used, or null when none was
 * @param keyName the key's name at the time, or null when no key was used
 * @param identity who the key acts as, or null when no key was used
 */
public record Actor(String type, String id, String displayName, String keyId, String keyName, KeyIdentity identity)
        implements Attribution {

    public static final String USER = "user";
    public static final String API_KEY = "api_key";
    public static final String AGENT = "agent";
    /** An OAuth client (such as an MCP client) with an access token, acting for the user who registered it. */
    public static final String OAUTH_CLIENT = "oauth_client";

    public static final String SHARE_LINK = "share_link";
    public static final String SERVICE = "service";

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }

    /**
     * A request authenticated with an API key: a key acting as a user is the principal itself
     * ({@code api_key}); a key acting as an agent is that agent ({@code agent}, with the agent's
     * id and its name at the time), with the key behind it.
     */
    public static Actor apiKey(String keyId, String keyName, KeyIdentity identity) {
        if (identity != null && identity.actsAsAgent()) {
            return new Actor(AGENT, identity.agentId(), "Agent: " + identity.name(), keyId, keyName, identity);
        }
        return new Actor(API_KEY, keyId, "API Key: " + keyName, keyId, keyName, identity);
    }

    /** A person acting without a key, such as the owner signing up. */
    public static Actor user(String email) {
        return new Actor(USER, email, email, null, null, KeyIdentity.user(email));
    }

    /**
     * A signed-in person: their user id, their name at the time, and their email as the identity
     * they act as.
     */
    public static Actor person(String userId, String email, String displayName) {
        return new Actor(USER, userId, displayName, null, null, KeyIdentity.user(email));
    }

    /** An actor attributes its actions to itself. */
    @Override
    public Actor actor() {
        return this;
    }

    /** An internal or operator actor, such as the admin API. */
    public static Actor service(String id, String displayName) {
        return new Actor(SERVICE, id, displayName, null, null, null);
    }
}
