package dev.artifacta.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A stored event is permanent, so text that the command side accepts must also fit every view: an
 * event that a projection cannot store stops that projection's segment for good. (Its own class:
 * when this fails, the stuck view would spoil the other tests sharing the database.)
 */
@MicronautTest(transactional = false)
class ViewsSurviveHostileTextIT extends ApiTest {

    @Test
    void givenAKeyDescriptionWithANulCharacter_whenCreated_thenItIsRefusedOrItReachesTheKeyList() {
        Tenant tenant = api.signUp("nul");

        ApiResponse created =
                api.post("/v1/api-keys", tenant.key(), "{\"name\":\"nul\",\"description\":\"a\\u0000b\"}");

        assertThat(created.status()).as(created.body()).isIn(201, 400, 422);
        if (created.status() == 201) {
            String id = created.json().get("id").asText();
            ApiResponse read = api.get("/v1/api-keys/" + id, tenant.key());
            assertThat(read.status())
                    .as("the key list view stored the key: " + read.body())
                    .isEqualTo(200);
        } else {
            assertThat(created.contentType()).startsWith("application/problem+json");
        }
        String after =
                api.createKey(tenant.key(), "{\"name\":\"after\"}").get("id").asText();
        Awaitility.await("the key list view went past the hostile event")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                api.get("/v1/api-keys/" + after, tenant.key()).status())
                        .isEqualTo(200));
    }
}
