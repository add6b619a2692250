package dev.artifacta.events;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Metadata written before agents were identities of their own named a key acting as an agent as
 * actor type {@code api_key} with identity type {@code agent}, and readers derived the type
 * {@code agent} from the pair. Metadata is now the only source of the actor type, so this upcaster
 * states it in old events: {@code actorType} becomes {@code agent}, and nothing else changes (the
 * actor id and display name stay the key's, as the audit entries of those events always showed).
 * Events written since carry {@code agent} themselves and pass unchanged.
 */
public final class AgentKeyActorTypeUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        MetaData metaData = representation.getMetaData().getObject();
        return Actor.API_KEY.equals(metaData.get(AuditMetadata.ACTOR_TYPE))
                && KeyIdentity.AGENT.equals(metaData.get(AuditMetadata.ACTOR_IDENTITY_TYPE));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return keepPayload(representation, representation.getData().getContentType());
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
