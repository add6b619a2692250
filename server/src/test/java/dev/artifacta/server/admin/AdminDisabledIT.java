package dev.artifacta.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AdminDisabledIT extends ApiTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.admin.token", "");
    }

    @Test
    void givenNoAdminTokenConfigured_whenAnyAdminCallIsMade_thenNotFound_andNothingChanges() {
        Tenant tenant = api.signUp("noadmin");
        String path = "/admin/v1/tenants/" + tenant.id() + "/plan";
        String body = "{\"plan\":\"pro\"}";

        List<ApiResponse> responses = new ArrayList<>();
        for (String bearer : new String[] {null, "", ADMIN_TOKEN, "anything", tenant.key()}) {
            responses.add(api.put(path, bearer, body));
        }
        responses.add(api.put("/admin/v1/tenants/" + UUID.randomUUID() + "/plan", ADMIN_TOKEN, body));
        responses.add(api.get("/admin/v1/tenants", ADMIN_TOKEN));
        responses.add(api.get("/admin/v1/tenants/" + tenant.id(), "anything"));
        responses.add(api.post("/admin/v1/tenants", null, "{}"));

        for (ApiResponse response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("status").asInt()).isEqualTo(404);
            assertThat(response.header("WWW-Authenticate")).isNull();
        }
        assertThat(api.get("/v1/whoami", tenant.key()).json().at("/tenant/plan").asText())
                .isEqualTo("free");
    }
}
