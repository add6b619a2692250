package dev.artifacta.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.client.ApiClient;
import dev.artifacta.client.ApiException;
import dev.artifacta.client.api.ApiKeysApi;
import dev.artifacta.client.api.ArtifactsApi;
import dev.artifacta.client.api.AuditApi;
import dev.artifacta.client.api.IdentityApi;
import dev.artifacta.client.api.SignupApi;
import dev.artifacta.client.model.Artifact;
import dev.artifacta.client.model.AuditEvent;
import dev.artifacta.client.model.AuditEventPage;
import dev.artifacta.client.model.CreateApiKeyRequest;
import dev.artifacta.client.model.CreateArtifactRequest;
import dev.artifacta.client.model.CreatedApiKey;
import dev.artifacta.client.model.SignupRequest;
import dev.artifacta.client.model.SignupResponse;
import dev.artifacta.client.model.Whoami;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Java client generated from the OpenAPI document at build time (openapi-generator, library
 * {@code native}; see server/pom.xml) does a customer's first hour against a real server: sign up,
 * create a key, create an artifact with it, find that in the audit trail by the key's name, and
 * export the trail. A document that only looked right (wrong statuses, types or security) breaks
 * here, in the client's own deserialization and calls.
 */
@MicronautTest(transactional = false)
class GeneratedClientIT extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Test
    void signUpCreateAKeyAndAnArtifact_thenFindItInTheAuditTrailByKeyName_andExportIt() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURL().toString());

        String tenantName = "generated-" + UUID.randomUUID().toString().substring(0, 8);
        SignupResponse signup = new SignupApi(client)
                .signUp(
                        new SignupRequest().tenant(tenantName).email("owner@" + tenantName + ".example"),
                        UUID.randomUUID().toString());
        String ownerKey = signup.getApiKey().getKey();
        assertThat(ownerKey).startsWith("ak_live_");

        // The X-API-Key scheme, as the document offers it beside Authorization: Bearer.
        Map<String, String> asOwner = Map.of("X-API-Key", ownerKey);
        Whoami whoami = new IdentityApi(client).whoami(asOwner);
        assertThat(whoami.getTenant().getName()).isEqualTo(tenantName);

        CreatedApiKey botKey = new ApiKeysApi(client)
                .createApiKey(
                        new CreateApiKeyRequest()
                                .name("nightly-bot")
                                .description("publishes the nightly report")
                                .scopes(List.of("artifacts:read", "artifacts:create")),
                        UUID.randomUUID().toString(),
                        asOwner);
        assertThat(botKey.getKey()).startsWith("ak_live_");
        assertThat(botKey.getScopes()).containsExactlyInAnyOrder("artifacts:read", "artifacts:create");

        Artifact artifact = new ArtifactsApi(client)
                .createArtifact(
                        new CreateArtifactRequest()
                                .title("Nightly report")
                                .content("# all green")
                                .contentType("text/markdown")
                                .fileName("nightly.md"),
                        UUID.randomUUID().toString(),
                        Map.of("Authorization", "Bearer " + botKey.getKey()));
        assertThat(artifact.getVersion()).isEqualTo(1L);
        assertThat(artifact.getTitle()).isEqualTo("Nightly report");

        AuditApi audit = new AuditApi(client);
        AuditEvent created = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> audit
                                .listAuditEvents(
                                        "nightly-bot",
                                        null,
                                        null,
                                        null,
                                        "artifact.",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        50,
                                        asOwner)
                                .getItems()
                                .stream()
                                .filter(event -> artifact.getId()
                                        .equals(event.getResource().getId()))
                                .findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
        assertThat(created.getAction()).isEqualTo("artifact.created");
        assertThat(created.getActor().getKeyName()).isEqualTo("nightly-bot");
        assertThat(created.getActor().getKeyId()).isEqualTo(botKey.getId());

        AuditEventPage everything =
                audit.listAuditEvents(null, null, null, null, null, null, null, null, null, "asc", null, 200, asOwner);
        assertThat(everything.getItems()).extracting(AuditEvent::getAction).contains("api_key.created");

        File export = audit.exportAuditEvents(
                OffsetDateTime.now().minusDays(1), OffsetDateTime.now().plusMinutes(1), "jsonl", asOwner);
        List<String> lines = Files.readAllLines(export.toPath(), StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty();
        JsonNode last = JSON.readTree(lines.getLast());
        assertThat(last.has("checkpoint"))
                .as("the export ends with its checkpoint: %s", last)
                .isTrue();
        assertThat(lines.subList(0, lines.size() - 1))
                .anySatisfy(line ->
                        assertThat(JSON.readTree(line).get("eventId").asText()).isEqualTo(created.getId()));
    }

    @Test
    void aRefusalArrivesAsAnApiExceptionWithItsProblem() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURL().toString());

        ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(
                ApiException.class, () -> new IdentityApi(client).whoami(Map.of("X-API-Key", "ak_live_nope")));

        assertThat(refused.getCode()).isEqualTo(401);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.getResponseBody()).contains("\"status\":401");
    }
}
