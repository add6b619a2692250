package dev.artifacta.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * Revision 1 of {@link ApiKeyCreated}, as it was stored (the JSON under {@code stored/}), reads as
 * revision 2 through the upcaster chain the server uses.
 */
class ApiKeyCreated1To2UpcasterTest {

    private static final ObjectMapper JSON = EventJson.objectMapper();
    private static final JacksonSerializer SERIALIZER =
            JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();

    @Test
    void givenStoredAgentKeyOfRevision1_whenUpcast_thenItActsAsTheAgentMadeForItsName() throws IOException {
        ApiKeyCreated event = upcastStored("ApiKeyCreated.rev1.agent.json");

        assertThat(event.identity())
                .isEqualTo(KeyIdentity.agent(
                        KeyIdentity.legacyAgentId("0b6f3c2e-4a1d-4e8b-9f7a-3c5d2e1b0a99", "deploy-bot"), "deploy-bot"));
        assertThat(event.name()).isEqualTo("CI Pipeline");
        assertThat(event.scopes()).containsExactly("artifacts:create", "artifacts:read");
        assertThat(event.expiresAt()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void givenStoredUserKeyOfRevision1_whenUpcast_thenItStillActsAsTheUser() throws IOException {
        ApiKeyCreated event = upcastStored("ApiKeyCreated.rev1.user.json");

        assertThat(event.identity()).isEqualTo(KeyIdentity.user("owner@acme.test"));
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-20T08:00:00.000001Z"));
    }

    @Test
    void theLegacyAgentIdDependsOnTenantAndNameOnly() {
        assertThat(KeyIdentity.legacyAgentId("t-1", "bot")).isEqualTo(KeyIdentity.legacyAgentId("t-1", "bot"));
        assertThat(KeyIdentity.legacyAgentId("t-1", "bot")).isNotEqualTo(KeyIdentity.legacyAgentId("t-2", "bot"));
        assertThat(KeyIdentity.legacyAgentId("t-1", "bot")).isNotEqualTo(KeyIdentity.legacyAgentId("t-1", "bot2"));
    }

    @Test
    void revision2PassesThroughUnchanged() throws IOException {
        ApiKeyCreated current = new ApiKeyCreated(
                "t-1",
                "k-1",
                "ci",
                null,
                "ak_live_Ab3d",
                "Cd4f",
                "ab",
                List.of("artifacts:read"),
                KeyIdentity.agent("a-1", "bot"),
                null,
                Instant.parse("2026-01-01T00:00:00Z"));
        SerializedObject<byte[]> payload = SERIALIZER.serialize(current, byte[].class);

        assertThat(upcast(payload.getData(), "2")).isEqualTo(current);
    }

    private static ApiKeyCreated upcastStored(String file) throws IOException {
        byte[] stored;
        try (InputStream in = ApiKeyCreated1To2UpcasterTest.class.getResourceAsStream("/stored/" + file)) {
            stored = in.readAllBytes();
        }
        JsonNode parsed = JSON.readTree(stored);
        assertThat(parsed.path("identity").has("agentId"))
                .as("stored revision 1 has no agent id")
                .isFalse();
        return upcast(stored, "1");
    }

    private static ApiKeyCreated upcast(byte[] payload, String revision) {
        var entry = new GenericDomainEventEntry<>(
                "ApiKey",
                "k-1",
                0,
                "e-1",
                Instant.parse("2026-01-01T00:00:00Z"),
                ApiKeyCreated.class.getName(),
                revision,
                payload,
                "{}".getBytes());
        Stream<IntermediateEventRepresentation> upcast =
                new ApiKeyCreated1To2Upcaster().upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER)));
        List<IntermediateEventRepresentation> result = upcast.collect(Collectors.toList());
        assertThat(result).hasSize(1);
        IntermediateEventRepresentation representation = result.get(0);
        assertThat(representation.getType().getRevision()).isEqualTo("2");
        return SERIALIZER.deserialize(representation.getData());
    }
}
