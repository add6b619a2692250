package dev.artifacta.server.processing.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.events.EventJson;
import dev.artifacta.events.ProjectCreated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** A tenant's events share a sequence, read from the stored event without deserializing it. */
class TenantSequencingTest {

    private static final JacksonSerializer SERIALIZER =
            JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();

    private final TenantSequencing sequencing = new TenantSequencing(SERIALIZER);

    @Test
    void givenAStoredEventOfATenant_whenSequenced_thenItsTenantWithoutDeserializingIt() {
        SerializedMessage<?> stored = stored(
                ProjectCreated.class.getName(),
                "{\"nested\":{\"tenantId\":\"not-this\"},\"tenantId\":\"t-1\",\"projectId\":\"p-1\",\"slug\":\"s\","
                        + "\"name\":\"n\",\"createdAt\":\"2025-01-01T00:00:00Z\"}");

        Object sequence = sequencing.getSequenceIdentifierFor(new GenericEventMessage<>(stored, Instant::now));

        assertThat(sequence).isEqualTo("t-1");
        assertThat(stored.isPayloadDeserialized()).isFalse();
    }

    @Test
    void givenAnEventNotYetStored_whenSequenced_thenItsTenant() {
        var event = GenericEventMessage.asEventMessage(
                new ProjectCreated("t-2", "p-1", "s", "n", Instant.parse("2025-01-01T00:00:00Z")));

        assertThat(sequencing.getSequenceIdentifierFor(event)).isEqualTo("t-2");
    }

    @Test
    void givenSomethingElseThanAnEventOfATenant_whenSequenced_thenItIsSequencedAlone() {
        var other = GenericEventMessage.asEventMessage("not an event of a tenant");

        assertThat(sequencing.getSequenceIdentifierFor(other)).isEqualTo(other.getIdentifier());
    }

    private static SerializedMessage<?> stored(String type, String json) {
        return new SerializedMessage<>(
                "e-1",
                new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class, type, null),
                SERIALIZER.serialize(MetaData.emptyInstance(), byte[].class),
                SERIALIZER);
    }
}
