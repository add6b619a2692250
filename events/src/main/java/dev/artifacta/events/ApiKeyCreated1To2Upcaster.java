package dev.artifacta.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads revision 1 of {@link ApiKeyCreated}, where a key acting as an agent named the agent only by
 * name, as revision 2, where it names the agent by id. The id is {@link
 * KeyIdentity#legacyAgentId(String, String)} of the tenant and the name, and the server creates an
 * agent with that id for every such key at start-up (once), so every old agent key acts as an agent
 * that exists. A user identity gains {@code "agentId": null}.
 */
public final class ApiKeyCreated1To2Upcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ApiKeyCreated.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(ApiKeyCreated.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, ApiKeyCreated1To2Upcaster::upcast);
    }

    /** The JSON transformation itself, public for tests that hold stored revision 1 JSON. */
    public static JsonNode upcast(JsonNode revision1) {
        ObjectNode event = revision1.deepCopy();
        if (event.get("identity") instanceof ObjectNode identity) {
            boolean agent = KeyIdentity.AGENT.equals(identity.path("type").asText());
            if (agent) {
                identity.put(
                        "agentId",
                        KeyIdentity.legacyAgentId(
                                event.path("tenantId").asText(),
                                identity.path("name").asText()));
            } else {
                identity.putNull("agentId");
            }
        }
        return event;
    }
}
