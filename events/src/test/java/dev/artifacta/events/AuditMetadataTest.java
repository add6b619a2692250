package dev.artifacta.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class AuditMetadataTest {

    private static final ObjectMapper JSON = EventJson.objectMapper();
    private static final RequestInfo REQUEST = new RequestInfo("req-7f3a", "203.0.113.7", "curl/8.5.0");

    @Test
    void metadataKeysAreTheStoredOnes() {
        // Stored with every event: renaming one orphans the attribution of all history.
        assertThat(AuditMetadata.KEYS)
                .containsExactly(
                        "actorType",
                        "actorId",
                        "actorDisplayName",
                        "actorKeyId",
                        "actorKeyName",
                        "actorIdentityType",
                        "actorIdentityName",
                        "actorIdentityId",
                        "actorSponsor",
                        "requestId",
                        "clientAddress",
                        "userAgent");
    }

    @Test
    void apiKeyActorIsShownAsApiKeyAndItsName() {
        Actor actor = Actor.apiKey("key-1", "CI Pipeline", KeyIdentity.user("owner@acme.test"));

        assertThat(actor.displayName()).isEqualTo("API Key: CI Pipeline");
        assertThat(actor.type()).isEqualTo(Actor.API_KEY);
        assertThat(actor.id()).isEqualTo("key-1");
        assertThat(actor.keyId()).isEqualTo("key-1");
        assertThat(actor.keyName()).isEqualTo("CI Pipeline");
    }

    @Test
    void keyActingAsAnAgentIsThatAgentWithTheKeyBehindIt() {
        Actor actor = Actor.apiKey("key-1", "CI Pipeline", KeyIdentity.agent("agent-1", "deploy-bot"));

        assertThat(actor.type()).isEqualTo(Actor.AGENT);
        assertThat(actor.id()).isEqualTo("agent-1");
        assertThat(actor.displayName()).isEqualTo("Agent: deploy-bot");
        assertThat(actor.keyId()).isEqualTo("key-1");
        assertThat(actor.keyName()).isEqualTo("CI Pipeline");
    }

    @Test
    void givenAgentKeyActor_whenWrittenAsMetadata_thenEveryFieldHasItsKey() {
        Actor actor = Actor.apiKey("key-1", "CI Pipeline", KeyIdentity.agent("agent-1", "deploy-bot"));

        assertThat(AuditMetadata.of(actor, "owner@acme.test", REQUEST))
                .containsExactly(
                        entry("actorType", "agent"),
                        entry("actorId", "agent-1"),
                        entry("actorDisplayName", "Agent: deploy-bot"),
                        entry("actorKeyId", "key-1"),
                        entry("actorKeyName", "CI Pipeline"),
                        entry("actorIdentityType", "agent"),
                        entry("actorIdentityName", "deploy-bot"),
                        entry("actorIdentityId", "agent-1"),
                        entry("actorSponsor", "owner@acme.test"),
                        entry("requestId", "req-7f3a"),
                        entry("clientAddress", "203.0.113.7"),
                        entry("userAgent", "curl/8.5.0"));
    }

    @Test
    void givenApiKeyActor_whenMetadataIsReadBack_thenActorAndRequestAreEqual() {
        Actor actor = Actor.apiKey("key-1", "CI Pipeline", KeyIdentity.user("owner@acme.test"));

        Map<String, String> metadata = AuditMetadata.of(actor, REQUEST);

        assertThat(AuditMetadata.actor(metadata)).isEqualTo(actor);
        assertThat(AuditMetadata.request(metadata)).isEqualTo(REQUEST);
    }

    @Test
    void givenUserActor_whenMetadataIsReadBack_thenActorIsEqual() {
        Actor actor = Actor.user("owner@acme.test");

        assertThat(AuditMetadata.actor(AuditMetadata.of(actor, REQUEST))).isEqualTo(actor);
    }

    @Test
    void givenServiceActorWithoutKey_whenWritten_thenAbsentValuesAreLeftOutAndReadBackAsNull() {
        Actor actor = Actor.service("admin-api", "Admin API");
        RequestInfo request = new RequestInfo("req-1", "10.0.0.1", null);

        Map<String, String> metadata = AuditMetadata.of(actor, request);

        assertThat(metadata)
                .doesNotContainKeys(
                        AuditMetadata.ACTOR_KEY_ID,
                        AuditMetadata.ACTOR_KEY_NAME,
                        AuditMetadata.ACTOR_IDENTITY_TYPE,
                        AuditMetadata.ACTOR_IDENTITY_NAME,
                        AuditMetadata.USER_AGENT)
                .doesNotContainValue(null);
        assertThat(AuditMetadata.actor(metadata)).isEqualTo(actor);
        assertThat(AuditMetadata.request(metadata)).isEqualTo(request);
    }

    @Test
    void givenMetadataStoredAsJsonByAxon_whenReadBack_thenActorAndRequestAreEqual() throws Exception {
        Actor actor = Actor.apiKey("key-1", "CI Pipeline", KeyIdentity.agent("agent-1", "deploy-bot"));
        MetaData stored = MetaData.from(AuditMetadata.of(actor, REQUEST));

        Map<String, Object> read = JSON.readValue(JSON.writeValueAsString(stored), new TypeReference<>() {});

        assertThat(AuditMetadata.actor(read)).isEqualTo(actor);
        assertThat(AuditMetadata.request(read)).isEqualTo(REQUEST);
    }

    @Test
    void givenNoMetadata_whenActorIsRead_thenItIsUnknownRatherThanMissing() {
        Actor actor = AuditMetadata.actor(Map.of());

        assertThat(actor).isEqualTo(new Actor("unknown", "unknown", "unknown", null, null, null));
        assertThat(AuditMetadata.request(Map.of())).isEqualTo(new RequestInfo(null, null, null));
    }

    @Test
    void givenStoredMetadata_whenReadFromItsJson_thenTheAuditKeysAreThoseOfTheFullMapAndNothingElse() throws Exception {
        Map<String, String> written = AuditMetadata.of(
                Actor.apiKey("key-1", "CI \"Pipeline\" ü", KeyIdentity.agent("a-1", "deploy-bot")),
                "o@a.test",
                REQUEST);
        var stored = new java.util.LinkedHashMap<String, Object>(written);
        stored.put("traceId", "t-1");
        stored.put("nested", Map.of("actorType", "not this one"));
        byte[] json = JSON.writeValueAsBytes(stored);

        Map<String, String> read = AuditMetadata.fromJson(json);

        assertThat(read).isEqualTo(written);
        assertThat(AuditMetadata.actor(read)).isEqualTo(AuditMetadata.actor(MetaData.from(stored)));
        assertThat(AuditMetadata.request(read)).isEqualTo(REQUEST);
    }

    @Test
    void givenJsonThatIsNotFlatStrings_whenRead_thenNullSoThatTheCallerReadsItTheUsualWay() {
        assertThat(AuditMetadata.fromJson("{\"actorType\":7}".getBytes())).isNull();
        assertThat(AuditMetadata.fromJson("[]".getBytes())).isNull();
        assertThat(AuditMetadata.fromJson("{\"actorType\":\"user\"".getBytes())).isNull();
        assertThat(AuditMetadata.fromJson("not json".getBytes())).isNull();
        assertThat(AuditMetadata.fromJson("{\"actorType\":null,\"other\":[1,{\"a\":2}]}".getBytes()))
                .isEmpty();
    }
}
