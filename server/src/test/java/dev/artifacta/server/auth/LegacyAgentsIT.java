package dev.artifacta.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A key stored before agents were identities (ApiKeyCreated revision 1, acting as an agent named
 * only by name) acts, after start-up, as the agent made for it: the upcaster names the agent by
 * id, and {@link LegacyAgents} creates that agent once.
 */
@MicronautTest(transactional = false)
class LegacyAgentsIT extends ApiTest {

    @Inject
    DataSource dataSource;

    @Inject
    LegacyAgents legacyAgents;

    @Test
    void givenAnAgentKeyStoredAsRevision1_whenTheServerStarts_thenItActsAsTheAgentMadeForIt() throws Exception {
        Tenant tenant = api.signUp("legacy");
        String raw = "ak_live_" + UUID.randomUUID().toString().replace("-", "");
        String keyId = UUID.randomUUID().toString();
        storeRevision1Key(tenant, keyId, raw, "deploy-bot");
        String agentId = KeyIdentity.legacyAgentId(tenant.id(), "deploy-bot");

        legacyAgents.onStartup(null);
        legacyAgents.onStartup(null); // a second node, or a restart: nothing more happens

        ApiResponse whoami = api.get("/v1/whoami", raw);
        assertThat(whoami.status()).as(whoami.body()).isEqualTo(200);
        assertThat(whoami.json().at("/principal/actingFor/type").asText()).isEqualTo("agent");
        assertThat(whoami.json().at("/principal/actingFor/id").asText()).isEqualTo(agentId);
        assertThat(whoami.json().at("/principal/role").asText()).isEqualTo("editor");
        // The start-up step does not wait for the views: the agent list shows the agent shortly after.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        api.get("/v1/agents/" + agentId, tenant.key()).status())
                .isEqualTo(200));
        JsonNode agent = api.get("/v1/agents/" + agentId, tenant.key()).json();
        assertThat(agent.get("name").asText()).isEqualTo("deploy-bot");
        assertThat(agent.at("/sponsor/id").asText()).isEqualTo("owner@" + tenant.name() + ".example");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/v1/api-keys/" + keyId, tenant.key())
                                .json()
                                .at("/identity/agentId")
                                .asText())
                        .isEqualTo(agentId));
        assertThat(new Tables(dataSource)
                        .rows("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = '" + agentId
                                + "'"))
                .hasSize(1);
    }

    /** The event and the lookup row exactly as the code before revision 2 wrote them. */
    private void storeRevision1Key(Tenant tenant, String keyId, String raw, String agentName) throws Exception {
        String hash = ApiKeySecrets.lookupHash(raw).orElseThrow();
        Instant now = Instant.now();
        String payload = "{\"tenantId\":\"" + tenant.id() + "\",\"keyId\":\"" + keyId + "\",\"name\":\"old-ci\","
                + "\"description\":null,\"prefix\":\"" + raw.substring(0, 12) + "\",\"last4\":\""
                + raw.substring(raw.length() - 4) + "\",\"secretSha256\":\"" + hash + "\","
                + "\"scopes\":[\"artifacts:read\"],\"identity\":{\"type\":\"agent\",\"name\":\"" + agentName + "\"},"
                + "\"expiresAt\":null,\"createdAt\":\"" + now + "\"}";
        String metadata = "{\"actorType\":\"api_key\",\"actorId\":\"" + tenant.keyId()
                + "\",\"actorDisplayName\":\"API Key: Default key\",\"actorKeyId\":\"" + tenant.keyId()
                + "\",\"actorKeyName\":\"Default key\",\"actorIdentityType\":\"user\","
                + "\"actorIdentityName\":\"owner@" + tenant.name() + ".example\",\"requestId\":\"legacy-1\"}";
        try (Connection connection =
                DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            try (PreparedStatement event = connection.prepareStatement(
                    "INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision,"
                            + " payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
                            + " VALUES (?, ?, ?, '1', 'dev.artifacta.events.ApiKeyCreated', ?, ?, 0, 'ApiKey')")) {
                event.setString(1, UUID.randomUUID().toString());
                event.setBytes(2, metadata.getBytes(StandardCharsets.UTF_8));
                event.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
                event.setString(4, now.toString());
                event.setString(5, keyId);
                event.executeUpdate();
            }
            try (PreparedStatement lookup = connection.prepareStatement(
                    "INSERT INTO credential_registry (key_id, tenant_id, name, active_name, secret_sha256, prefix,"
                            + " last4, scopes, identity_type, identity_name, created_at)"
                            + " VALUES (?, ?, 'old-ci', 'old-ci', ?, ?, ?, 'artifacts:read', 'agent', ?, ?)")) {
                lookup.setString(1, keyId);
                lookup.setString(2, tenant.id());
                lookup.setString(3, hash);
                lookup.setString(4, raw.substring(0, 12));
                lookup.setString(5, raw.substring(raw.length() - 4));
                lookup.setString(6, agentName);
                lookup.setTimestamp(7, Timestamp.from(now));
                lookup.executeUpdate();
            }
        }
    }
}
