package dev.artifacta.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.Test;

/** Old metadata of agent keys states the actor type the audit log always showed for them. */
class AgentKeyActorTypeUpcasterTest {

    private static final JacksonSerializer SERIALIZER =
            JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();

    /** Metadata as stored before agents were identities (the shape AuditMetadata wrote then). */
    private static final String STORED_AGENT_KEY_METADATA = """
            {"actorType":"api_key","actorId":"key-1","actorDisplayName":"API Key: CI","actorKeyId":"key-1",\
            "actorKeyName":"CI","actorIdentityType":"agent","actorIdentityName":"deploy-bot","requestId":"r-1"}""";

    @Test
    void givenStoredMetadataOfAnAgentKey_whenUpcast_thenTheActorTypeIsAgentAndTheRestUnchanged() {
        MetaData read = upcastMetadata(STORED_AGENT_KEY_METADATA);

        Actor actor = AuditMetadata.actor(read);
        assertThat(actor.type()).isEqualTo(Actor.AGENT);
        assertThat(actor.id()).isEqualTo("key-1");
        assertThat(actor.displayName()).isEqualTo("API Key: CI");
        assertThat(actor.identity()).isEqualTo(new KeyIdentity("agent", "deploy-bot", null));
    }

    @Test
    void givenMetadataOfAUserKey_whenRead_thenUnchanged() {
        MetaData read = upcastMetadata(
                "{\"actorType\":\"api_key\",\"actorId\":\"key-1\",\"actorIdentityType\":\"user\",\"actorIdentityName\":\"o@a.test\"}");

        assertThat(read.get(AuditMetadata.ACTOR_TYPE)).isEqualTo(Actor.API_KEY);
    }

    @Test
    void givenStoredMetadataNamingNoAgent_whenUpcast_thenTheMetadataIsLeftUnread() {
        var representation = upcast(
                "{\"actorType\":\"api_key\",\"actorId\":\"key-1\",\"actorIdentityType\":\"user\",\"actorIdentityName\":\"o@a.test\"}");

        // Every processor reads every event through the upcasters: deserializing the metadata of
        // events no handler of it wants cost the replay of a key list 40% of its time.
        assertThat(representation.getMetaData().isDeserialized()).isFalse();
        assertThat(representation.getMetaData().getObject().get(AuditMetadata.ACTOR_TYPE))
                .isEqualTo(Actor.API_KEY);
    }

    @Test
    void givenStoredMetadataOfAnAgentKeyWrittenWithSpaces_whenUpcast_thenTheActorTypeIsAgent() {
        MetaData read = upcastMetadata(
                "{ \"actorType\" : \"api_key\", \"actorIdentityType\" : \"agent\", \"actorIdentityName\" : \"bot\" }");

        assertThat(read.get(AuditMetadata.ACTOR_TYPE)).isEqualTo(Actor.AGENT);
    }

    private static MetaData upcastMetadata(String metadataJson) {
        return upcast(metadataJson).getMetaData().getObject();
    }

    private static org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation upcast(
            String metadataJson) {
        byte[] payload =
                "{\"tenantId\":\"t-1\",\"projectId\":\"p-1\",\"slug\":\"s\",\"name\":\"n\",\"createdAt\":\"2025-01-01T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8);
        var entry = new GenericDomainEventEntry<>(
                "Project",
                "p-1",
                0,
                "e-1",
                Instant.parse("2025-01-01T00:00:00Z"),
                ProjectCreated.class.getName(),
                "1",
                payload,
                metadataJson.getBytes(StandardCharsets.UTF_8));
        List<?> result = new AgentKeyActorTypeUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER)))
                .toList();
        assertThat(result).hasSize(1);
        var representation =
                (org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation) result.get(0);
        assertThat((Object) SERIALIZER.deserialize(representation.getData())).isInstanceOf(ProjectCreated.class);
        return representation;
    }
}
