package dev.artifacta.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metadata keys every command and event carries. They are part of the stored contract: never
 * rename a key. Values are strings (or absent).
 */
public final class AuditMetadata {

    public static final String ACTOR_TYPE = "actorType";
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_DISPLAY_NAME = "actorDisplayName";
    public static final String ACTOR_KEY_ID = "actorKeyId";
    public static final String ACTOR_KEY_NAME = "actorKeyName";
    public static final String ACTOR_IDENTITY_TYPE = "actorIdentityType";
    public static final String ACTOR_IDENTITY_NAME = "actorIdentityName";
    /** The agent's id, when the actor acts as an agent. */
    public static final String ACTOR_IDENTITY_ID = "actorIdentityId";
    /** The user who answers for an agent actor (its sponsor), when the actor acts as an agent. */
    public static final String ACTOR_SPONSOR = "actorSponsor";

    public static final String REQUEST_ID = "requestId";
    public static final String CLIENT_ADDRESS = "clientAddress";
    public static final String USER_AGENT = "userAgent";

    /** Every key above, for correlation-data providers that copy them from commands to events. */
    public static final List<String> KEYS = List.of(
            ACTOR_TYPE,
            ACTOR_ID,
            ACTOR_DISPLAY_NAME,
            ACTOR_KEY_ID,
            ACTOR_KEY_NAME,
            ACTOR_IDENTITY_TYPE,
            ACTOR_IDENTITY_NAME,
            ACTOR_IDENTITY_ID,
            ACTOR_SPONSOR,
            REQUEST_ID,
            CLIENT_ADDRESS,
            USER_AGENT);

    private static final Set<String> KEY_SET = Set.copyOf(KEYS);

    private AuditMetadata() {}

    /**
     * The values of the keys above (and nothing else) in metadata stored as JSON, read with a
     * streaming parser instead of deserializing the whole metadata into a map; {@code null} when
     * the text is not a JSON object or one of those keys holds something other than a string or
     * null (the server never writes that; the caller then reads the metadata the usual way).
     */
    public static Map<String, String> fromJson(byte[] json) {
        return EventJson.topLevelStrings(json, KEY_SET);
    }

    /** The metadata map for an actor and a request; absent values are left out. */
    public static Map<String, String> of(Actor actor, RequestInfo request) {
        return of(actor, null, request);
    }

    /** The metadata map for an actor acting for a sponsor (an agent's user), and a request. */
    public static Map<String, String> of(Actor actor, String sponsor, RequestInfo request) {
        var map = new LinkedHashMap<String, String>();
        put(map, ACTOR_TYPE, actor.type());
        put(map, ACTOR_ID, actor.id());
        put(map, ACTOR_DISPLAY_NAME, actor.displayName());
        put(map, ACTOR_KEY_ID, actor.keyId());
        put(map, ACTOR_KEY_NAME, actor.keyName());
        if (actor.identity() != null) {
            put(map, ACTOR_IDENTITY_TYPE, actor.identity().type());
            put(map, ACTOR_IDENTITY_NAME, actor.identity().name());
            put(map, ACTOR_IDENTITY_ID, actor.identity().agentId());
        }
        put(map, ACTOR_SPONSOR, sponsor);
        put(map, REQUEST_ID, request.requestId());
        put(map, CLIENT_ADDRESS, request.clientAddress());
        put(map, USER_AGENT, request.userAgent());
        return map;
    }

    /** Reads the actor back from metadata. */
    public static Actor actor(Map<String, ?> metadata) {
        String identityType = string(metadata, ACTOR_IDENTITY_TYPE);
        KeyIdentity identity = identityType == null
                ? null
                : new KeyIdentity(
                        identityType,
                        orUnknown(string(metadata, ACTOR_IDENTITY_NAME)),
                        string(metadata, ACTOR_IDENTITY_ID));
        return new Actor(
                orUnknown(string(metadata, ACTOR_TYPE)),
                orUnknown(string(metadata, ACTOR_ID)),
                orUnknown(string(metadata, ACTOR_DISPLAY_NAME)),
                string(metadata, ACTOR_KEY_ID),
                string(metadata, ACTOR_KEY_NAME),
                identity);
    }

    /** The sponsor of an agent actor, or null. */
    public static String sponsor(Map<String, ?> metadata) {
        return string(metadata, ACTOR_SPONSOR);
    }

    /** Reads the request back from metadata. */
    public static RequestInfo request(Map<String, ?> metadata) {
        return new RequestInfo(
                string(metadata, REQUEST_ID), string(metadata, CLIENT_ADDRESS), string(metadata, USER_AGENT));
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private static String string(Map<String, ?> metadata, String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
