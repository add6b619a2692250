package dev.artifacta.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write that changes credentials answers only once every live node has seen the change; a write
 * whose events cannot change any (an artifact's, a comment's, a share link's, a project's, a new
 * key's) does not wait for the nodes at all. Here a live node lags behind a drawn change for the whole test.
 */
@MicronautTest(transactional = false)
class CredentialWaitIT extends ApiTest {

    private static final String LAGGING = "credential-wait-lagging-node";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.processors.read-your-writes-timeout", TIMEOUT.toMillis() + "ms");
    }

    @BeforeEach
    void aNodeThatHasSeenNoChange() throws SQLException {
        sql("DELETE FROM server_node WHERE node_id = '" + LAGGING + "'");
        // Not live for sharing the views (an old heartbeat), live for credential changes.
        sql("INSERT INTO server_node (node_id, started_at, heartbeat_at, credentials_seen, credentials_heartbeat_at)"
                + " VALUES ('" + LAGGING
                + "', now() - interval '1 hour', now() - interval '1 hour', 0, clock_timestamp())");
        sql("SELECT nextval('credential_change_seq')");
    }

    @AfterEach
    void removeTheNode() throws SQLException {
        sql("DELETE FROM server_node WHERE node_id = '" + LAGGING + "'");
    }

    @Test
    void givenALaggingNode_whenAVersionIsAppended_thenTheAnswerDoesNotWaitForIt() throws SQLException {
        Tenant tenant = api.signUp("credential-wait-artifact");
        String artifact = api.post("/v1/artifacts", tenant.key(), "{\"title\":\"Notes\",\"content\":\"one\"}")
                .json()
                .get("id")
                .asText();
        keepTheNodeLive();

        long took = millis(
                () -> api.post("/v1/artifacts/" + artifact + "/versions", tenant.key(), "{\"content\":\"two\"}"));

        assertThat(took).as("the append's answer, in ms").isLessThan(TIMEOUT.toMillis() / 2);
    }

    @Test
    void givenALaggingNode_whenAKeyIsCreated_thenTheAnswerDoesNotWaitForIt() throws SQLException {
        Tenant tenant = api.signUp("credential-wait-new-key");
        keepTheNodeLive();

        long took = millis(() -> api.post("/v1/api-keys", tenant.key(), "{\"name\":\"new-key\"}"));

        assertThat(took).as("the creation's answer, in ms").isLessThan(TIMEOUT.toMillis() / 2);
    }

    @Test
    void givenALaggingNode_whenAKeyIsRevoked_thenTheAnswerWaitsForItUntilTheTimeout() throws SQLException {
        Tenant tenant = api.signUp("credential-wait-key");
        String key = api.createKey(tenant.key(), "{\"name\":\"to-revoke\"}")
                .get("id")
                .asText();
        keepTheNodeLive();

        long took = millis(() -> api.delete("/v1/api-keys/" + key, tenant.key()));

        assertThat(took).as("the revocation's answer, in ms").isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 100);
    }

    private void keepTheNodeLive() throws SQLException {
        sql("UPDATE server_node SET credentials_heartbeat_at = clock_timestamp() WHERE node_id = '" + LAGGING + "'");
    }

    private static long millis(Supplier<ApiResponse> request) {
        long start = System.nanoTime();
        ApiResponse response = request.get();
        assertThat(response.status()).isBetween(200, 299);
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection =
                        DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            sql.execute(statement);
        }
    }
}
