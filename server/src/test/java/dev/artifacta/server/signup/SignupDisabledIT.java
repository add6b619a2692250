package dev.artifacta.server.signup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class SignupDisabledIT extends ApiTest {

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Value("${datasources.default.username}")
    String databaseUser;

    @Value("${datasources.default.password}")
    String databasePassword;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.signup.enabled", "false");
    }

    @Test
    void givenSignupSwitchedOff_whenSomeoneSignsUp_thenForbidden_andNothingIsCreated() throws SQLException {
        ApiResponse response =
                api.post("/v1/signup", null, "{\"tenant\":\"closed-shop\",\"email\":\"owner@closed-shop.example\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith("/signup-disabled");
        assertThat(response.json().get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("ak_live_");
        assertThat(api.get("/v1/whoami", "ak_live_" + "A1b2".repeat(8)).status())
                .isEqualTo(401);
        for (String table : List.of("domain_event_entry", "tenant_registry", "credential_registry")) {
            assertThat(rowsIn(table)).as(table).isZero();
        }
    }

    @Test
    void givenSignupSwitchedOff_whenSomeoneSignsUpWithAKey_thenStillForbidden() {
        ApiResponse response = api.post(
                "/v1/signup",
                "ak_live_" + "A1b2".repeat(8),
                "{\"tenant\":\"closed-door\",\"email\":\"owner@closed-door.example\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("type").asText()).endsWith("/signup-disabled");
    }

    private long rowsIn(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
