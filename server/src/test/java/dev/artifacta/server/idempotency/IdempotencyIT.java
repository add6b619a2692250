package dev.artifacta.server.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys as payment APIs have them: a retried POST with the same key and body gets the
 * first answer again, not a second effect, on any node; the same key with another body is 422;
 * a duplicate sent while the first runs is 409.
 */
@MicronautTest(transactional = false)
class IdempotencyIT extends ApiTest {

    @Inject
    DataSource dataSource;

    private Map<String, String> properties;

    @Override
    public synchronized Map<String, String> getProperties() {
        if (properties == null) {
            properties = super.getProperties();
        }
        return properties;
    }

    @Test
    void
            givenAnArtifactCreatedWithAKey_whenRetriedWithTheSameKeyAndBody_thenTheFirstAnswerIsReplayed_andOneArtifactExists() {
        Tenant tenant = api.signUp("idempotent");
        String key = UUID.randomUUID().toString();
        String body = "{\"title\":\"Retried report\",\"content\":\"# once\"}";

        ApiResponse first = post("/v1/artifacts", tenant.key(), key, body);
        ApiResponse retry = post("/v1/artifacts", tenant.key(), key, body);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(first.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(artifactsCreated(tenant)).isEqualTo(1);
    }

    @Test
    void givenAKeyCreatedWithAnIdempotencyKey_whenRetried_thenTheSameSecretComesBack_andIsStoredNowhereReadable() {
        Tenant tenant = api.signUp("idempotent-keys");
        String key = UUID.randomUUID().toString();

        ApiResponse first = post("/v1/api-keys", tenant.key(), key, "{\"name\":\"ci\"}");
        ApiResponse retry = post("/v1/api-keys", tenant.key(), key, "{\"name\":\"ci\"}");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        String secret = first.json().get("key").asText();
        assertThat(retry.json().get("key").asText()).isEqualTo(secret);
        assertThat(api.get("/v1/api-keys", tenant.key()).json().at("/items").toString())
                .as("one key named ci")
                .containsOnlyOnce("\"ci\"");
        Tables tables = new Tables(dataSource);
        assertThat(tables.rows("SELECT * FROM idempotency_record").toString())
                .doesNotContain(secret)
                .doesNotContain(secret.substring(8))
                .doesNotContain(key);
    }

    @Test
    void givenAUsedKey_whenSentWithAnotherBody_then422_andNothingHappens() {
        Tenant tenant = api.signUp("idempotent-reuse");
        String key = UUID.randomUUID().toString();
        assertThat(post("/v1/artifacts", tenant.key(), key, "{\"title\":\"One\",\"content\":\"1\"}")
                        .status())
                .isEqualTo(201);

        ApiResponse reused = post("/v1/artifacts", tenant.key(), key, "{\"title\":\"Two\",\"content\":\"2\"}");

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(artifactsCreated(tenant)).isEqualTo(1);
    }

    @Test
    void givenARefusedRequest_whenRetriedWithTheSameKey_thenItRunsAgain() {
        Tenant tenant = api.signUp("idempotent-refused");
        String key = UUID.randomUUID().toString();
        String body = "{\"slug\":\"reports\",\"name\":\"Reports\"}";
        assertThat(post("/v1/projects", tenant.key(), key, "{\"slug\":\"Bad Slug!\",\"name\":\"x\"}")
                        .status())
                .isEqualTo(422);

        ApiResponse fixed = post("/v1/projects", tenant.key(), key + "-2", body);
        ApiResponse again = post("/v1/projects", tenant.key(), key, "{\"slug\":\"Bad Slug!\",\"name\":\"x\"}");

        assertThat(fixed.status()).isEqualTo(201);
        assertThat(again.status())
                .as("the refusal was not kept: it runs, and is refused, again")
                .isEqualTo(422);
        assertThat(again.header(IdempotencyFilter.REPLAYED)).isNull();
    }

    @Test
    void givenConcurrentDuplicates_whenSentTogether_thenOneArtifact_andTheOthersReplayOrGet409() throws Exception {
        Tenant tenant = api.signUp("idempotent-race");
        String key = UUID.randomUUID().toString();
        String body = "{\"title\":\"Raced\",\"content\":\"# race\"}";
        var pool = Executors.newFixedThreadPool(8);
        var calls = new ArrayList<Callable<ApiResponse>>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> post("/v1/artifacts", tenant.key(), key, body));
        }

        List<ApiResponse> answers = new ArrayList<>();
        for (Future<ApiResponse> answer : pool.invokeAll(calls)) {
            answers.add(answer.get());
        }
        pool.shutdown();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isIn(201, 409));
        assertThat(answers).filteredOn(answer -> answer.status() == 409).allSatisfy(answer -> {
            assertThat(answer.json().get("type").asText()).endsWith("/idempotent-request-in-progress");
            assertThat(answer.header("Retry-After")).isEqualTo("1");
        });
        assertThat(answers.stream()
                        .filter(a -> a.status() == 201)
                        .map(a -> a.json().get("id").asText()))
                .hasSizeGreaterThanOrEqualTo(1)
                .containsOnly(answers.stream()
                        .filter(a -> a.status() == 201)
                        .findFirst()
                        .orElseThrow()
                        .json()
                        .get("id")
                        .asText());
        assertThat(artifactsCreated(tenant)).isEqualTo(1);
    }

    @Test
    void givenTwoNodes_whenARetryReachesTheOtherNode_thenItReplaysTheFirstAnswer() {
        Tenant tenant = api.signUp("idempotent-nodes");
        String key = UUID.randomUUID().toString();
        String body = "{\"title\":\"Across nodes\",\"content\":\"# a\"}";
        var second = new HashMap<String, Object>(getProperties());
        second.put("micronaut.server.port", "-1");
        try (EmbeddedServer nodeB = ApplicationContext.run(EmbeddedServer.class, second);
                HttpClient clientB = HttpClient.create(nodeB.getURL())) {
            Api apiB = new Api(clientB);

            ApiResponse first = post("/v1/artifacts", tenant.key(), key, body);
            ApiResponse retry = apiB.send(request(tenant.key(), key, "/v1/artifacts", body));

            assertThat(first.status()).isEqualTo(201);
            assertThat(retry.status()).as(retry.body()).isEqualTo(201);
            assertThat(retry.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
            assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        }
        assertThat(artifactsCreated(tenant)).isEqualTo(1);
    }

    @Test
    void givenAMalformedKey_then400_andNothingHappens() {
        Tenant tenant = api.signUp("idempotent-bad");

        ApiResponse refused = post("/v1/artifacts", tenant.key(), "not a visible ascii key", "{\"title\":\"x\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asText()).endsWith("/invalid-idempotency-key");
        assertThat(artifactsCreated(tenant)).isZero();
    }

    private ApiResponse post(String path, String bearer, String idempotencyKey, String body) {
        return api.send(request(bearer, idempotencyKey, path, body));
    }

    private static io.micronaut.http.MutableHttpRequest<?> request(
            String bearer, String idempotencyKey, String path, String body) {
        return HttpRequest.POST(path, body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(bearer)
                .header(IdempotencyFilter.HEADER, idempotencyKey);
    }

    private long artifactsCreated(Tenant tenant) {
        return ((Number) new Tables(dataSource)
                        .rows("SELECT COUNT(*) AS n FROM domain_event_entry WHERE payload_type ="
                                + " 'dev.artifacta.events.ArtifactCreated'"
                                + " AND position('" + tenant.id() + "' in convert_from(payload, 'UTF8')) > 0")
                        .get(0)
                        .get("n"))
                .longValue();
    }
}
