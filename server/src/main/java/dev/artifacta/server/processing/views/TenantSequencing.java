package dev.artifacta.server.processing.views;

import dev.artifacta.events.ArtifactaEvent;
import dev.artifacta.events.EventJson;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.serialization.Serializer;

/**
 * Sequences a view by tenant: a tenant's events are applied one after another, in order, by one
 * segment; anything that is not an event of a tenant is sequenced alone.
 *
 * <p>Every segment of a tracking processor asks this of every event in the stream, also of the
 * events other segments apply, and deserializing each to ask it its tenant took 13% of the audit
 * view's replay. The tenant is read instead from the top-level {@code tenantId} of the stored JSON
 * (what {@code serializePayload} returns without deserializing, for an event read from the store by
 * {@code serializer}); the event itself answers only when that field is missing.
 */
final class TenantSequencing implements SequencingPolicy<EventMessage<?>> {

    private static final String TENANT_ID_NAME = "tenantId";
    private static final Set<String> TENANT_ID = Set.of(TENANT_ID_NAME);

    private final Serializer serializer;

    TenantSequencing(Serializer serializer) {
        this.serializer = serializer;
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (!ArtifactaEvent.class.isAssignableFrom(event.getPayloadType())) {
            return event.getIdentifier();
        }
        String stored =
                tenantId(event.serializePayload(serializer, byte[].class).getData());
        return stored != null ? stored : ((ArtifactaEvent) event.getPayload()).tenantId();
    }

    /** The string value of the object's top-level {@code tenantId}, or null. */
    static String tenantId(byte[] json) {
        Map<String, String> values = EventJson.topLevelStrings(json, TENANT_ID);
        return values == null ? null : values.get(TENANT_ID_NAME);
    }
}
