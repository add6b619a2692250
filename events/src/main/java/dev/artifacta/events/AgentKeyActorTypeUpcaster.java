package dev.artifacta.events;

import java.nio.charset.StandardCharsets;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Metadata written before agents were identities of their own named a key acting as an agent as
 * actor type {@code api_key} with identity type {@code agent}, and readers derived the type
 * {@code agent} from the pair. Metadata is now the only source of the actor type, so this upcaster
 * states it in old events: {@code actorType} becomes {@code agent}, and nothing else changes (the
 * actor id and display name stay the key's, as the audit entries of those events always showed).
 * Events written since carry {@code agent} themselves and pass unchanged.
 *
 * <p>Every processor reads every event through the upcasters, also the events none of its handlers
 * wants, so metadata stored as JSON text that does not hold the string value {@code "agent"}
 * anywhere is passed on unread: it cannot be the old form (the server writes metadata with
 * Jackson, which never escapes a letter). Deserializing it on every read cost a replay of the key
 * list 40% of its time.
 */
public final class AgentKeyActorTypeUpcaster extends SingleEventUpcaster {

    private static final String AGENT_VALUE = "\"" + KeyIdentity.AGENT + "\"";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        LazyDeserializingObject<MetaData> stored = representation.getMetaData();
        if (!stored.isDeserialized()
                && stored.getSerializedObject().getData() instanceof byte[] json
                && !contains(json, AGENT_VALUE)) {
            return false;
        }
        MetaData metaData = stored.getObject();
        return Actor.API_KEY.equals(metaData.get(AuditMetadata.ACTOR_TYPE))
                && KeyIdentity.AGENT.equals(metaData.get(AuditMetadata.ACTOR_IDENTITY_TYPE));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return keepPayload(representation, representation.getData().getContentType());
    }

    /**
     * Whether the UTF-8 {@code text} holds the ASCII {@code part}. Read as Latin-1 (a byte per char,
     * so every ASCII byte stays where it was), the text's copy is searched with {@code
     * String.indexOf}, which uses vector instructions: a loop a byte at a time was a sixth of a
     * rebuild reader's samples.
     */
    private static boolean contains(byte[] text, String part) {
        return new String(text, StandardCharsets.ISO_8859_1).contains(part);
    }

    private static <T> IntermediateEventRepresentation keepPayload(
            IntermediateEventRepresentation representation, Class<T> storedAs) {
        return representation.upcast(
                representation.getType(),
                storedAs,
                payload -> payload,
                metaData -> metaData.and(AuditMetadata.ACTOR_TYPE, Actor.AGENT));
    }
}
