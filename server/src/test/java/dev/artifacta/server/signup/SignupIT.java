package dev.artifacta.server.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class SignupIT extends ApiTest {

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Value("${datasources.default.username}")
    String databaseUser;

    @Value("${datasources.default.password}")
    String databasePassword;

    private static final List<String> ALL_SCOPES = List.of(
            "artifacts:read",
            "artifacts:create",
            "artifacts:update",
            "artifacts:delete",
            "artifacts:share",
            "artifacts:access:read",
            "artifacts:access:write",
            "agents:manage",
            "audit:read",
            "members:read",
            "members:manage",
            "comments:write");

    @Test
    void givenFreeName_whenSigningUpWithoutAKey_thenTenantOnFreePlanAndAnOwnerKeyWithEveryScope() {
        String name = uniqueName("acme");
        String email = "owner@" + name + ".example";

        ApiResponse response = signUp(name, email);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.at("/tenant/id").asText()).matches("^[0-9a-f-]{36}$");
        assertThat(body.at("/tenant/name").asText()).isEqualTo(name);
        assertThat(body.at("/tenant/plan").asText()).isEqualTo("free");
        JsonNode key = body.get("apiKey");
        assertThat(key.get("id").asText()).matches("^[0-9a-f-]{36}$");
        assertThat(key.get("name").asText()).isNotBlank();
        String raw = key.get("key").asText();
        assertThat(raw).matches("^ak_live_[A-Za-z0-9]{32}$");
        assertThat(key.get("prefix").asText()).startsWith("ak_live_").isEqualTo(raw.substring(0, 12));
        assertThat(key.get("last4").asText()).isEqualTo(raw.substring(raw.length() - 4));
        assertThat(texts(key.get("scopes"))).containsExactlyInAnyOrderElementsOf(ALL_SCOPES);
        assertThat(key.at("/identity/type").asText()).isEqualTo("user");
        assertThat(key.at("/identity/name").asText()).isEqualTo(email);
    }

    @Test
    void givenSignedUp_whenTheReturnedKeyCallsWhoami_thenItIsTheNewTenantsOwnerKey() {
        String name = uniqueName("whoami");
        JsonNode created = signUp(name, "owner@" + name + ".example").json();
        String key = created.at("/apiKey/key").asText();

        ApiResponse whoami = api.get("/v1/whoami", key);

        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.json().at("/tenant/id").asText())
                .isEqualTo(created.at("/tenant/id").asText());
        assertThat(whoami.json().at("/tenant/name").asText()).isEqualTo(name);
        assertThat(whoami.json().at("/key/id").asText())
                .isEqualTo(created.at("/apiKey/id").asText());
        assertThat(texts(whoami.json().at("/key/scopes"))).containsExactlyInAnyOrderElementsOf(ALL_SCOPES);
    }

    @Test
    void everySignupIssuesADifferentKey() {
        String first = signUp(uniqueName("one"), "a@one.example")
                .json()
                .at("/apiKey/key")
                .asText();
        String second = signUp(uniqueName("two"), "b@two.example")
                .json()
                .at("/apiKey/key")
                .asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void givenTakenName_whenSigningUpAgain_thenConflict_andTheFirstTenantIsUntouched() {
        String name = uniqueName("taken");
        JsonNode first = signUp(name, "first@" + name + ".example").json();

        ApiResponse second = signUp(name, "second@" + name + ".example");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.json().get("type").asText()).endsWith("/tenant-name-taken");
        assertThat(second.json().get("detail").asText()).contains(name);
        assertThat(second.body()).doesNotContain("ak_live_");
        ApiResponse whoami = api.get("/v1/whoami", first.at("/apiKey/key").asText());
        assertThat(whoami.json().at("/key/identity/name").asText()).isEqualTo("first@" + name + ".example");
    }

    @Test
    void invalidTenantNamesAreRejected() {
        for (String name : List.of(
                "Acme",
                "ACME-corp",
                "a",
                "ab",
                "-x-",
                "-abc",
                "abc-",
                "a".repeat(64),
                "a--b",
                "acme_corp",
                "acme corp",
                "acmé")) {
            ApiResponse response = signUp(name, "owner@example.com");

            assertThat(response.status()).as(name).isEqualTo(422);
            assertThat(response.contentType()).as(name).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText())
                    .as(name)
                    .matches(".*/(invalid-tenant-name|invalid-request)$");
            assertThat(response.json().get("detail").asText()).as(name).isNotBlank();
            assertThat(response.body()).as(name).doesNotContain("ak_live_");
        }
    }

    @Test
    void givenNameAtTheLimits_whenSigningUp_thenItIsAccepted() {
        String shortest = "a" + UUID.randomUUID().toString().substring(0, 2);
        String longest = uniqueName("b").concat("c".repeat(63)).substring(0, 63);

        assertThat(signUp(shortest, "x@short.example").status()).as(shortest).isEqualTo(201);
        assertThat(signUp(longest, "x@long.example").status()).as(longest).isEqualTo(201);
    }

    @Test
    void invalidEmailIsRejected() {
        for (String email : List.of("not-an-email", "two@@example.com", "@example.com", "spaces in@example.com")) {
            ApiResponse response = signUp(uniqueName("mail"), email);

            assertThat(response.status()).as(email).isEqualTo(422);
            assertThat(response.contentType()).as(email).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asText()).as(email).isNotBlank();
        }
    }

    @Test
    void missingFieldsAreRejected() {
        for (String body : List.of(
                "{}",
                "{\"tenant\":\"" + uniqueName("nomail") + "\"}",
                "{\"email\":\"owner@example.com\"}",
                "{\"tenant\":\"\",\"email\":\"owner@example.com\"}",
                "{\"tenant\":\"" + uniqueName("blank") + "\",\"email\":\" \"}",
                "{\"tenant\":null,\"email\":null}")) {
            ApiResponse response = api.post("/v1/signup", null, body);

            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(body).endsWith("/invalid-request");
        }
    }

    @Test
    void malformedJsonAndUnknownFieldsAreBadRequests() {
        String name = uniqueName("syntax");
        for (String body : List.of(
                "{\"tenant\":",
                "not json",
                "[]",
                "{\"tenant\":\"" + name + "\",\"email\":\"o@example.com\",\"plan\":\"team\"}",
                "{\"tenant\":\"" + name + "\",\"mail\":\"o@example.com\"}",
                "{\"tenant\":[\"" + name + "\",\"" + name + "\"],\"email\":\"o@example.com\"}",
                "{\"tenant\":{\"name\":\"" + name + "\"},\"email\":\"o@example.com\"}")) {
            ApiResponse response = api.post("/v1/signup", null, body);

            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(body).endsWith("/malformed-request");
        }
        assertThat(signUp(name, "o@example.com").status())
                .as("the name stayed free")
                .isEqualTo(201);
    }

    @Test
    void givenTenantNameSentAsAnArrayOfOne_whenSigningUp_thenBadRequest_andNoTenantIsCreated() {
        String name = uniqueName("array");

        ApiResponse response =
                api.post("/v1/signup", null, "{\"tenant\":[\"" + name + "\"],\"email\":\"o@example.com\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(signUp(name, "o@example.com").status())
                .as("the name stayed free")
                .isEqualTo(201);
    }

    @Test
    void givenTwoSignupsRacingForOneName_thenExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = uniqueName("race");

            List<ApiResponse> responses = race(name);

            List<Integer> statuses = responses.stream().map(ApiResponse::status).toList();
            assertThat(statuses).as(name + ": " + responses).containsExactlyInAnyOrder(201, 409);
            ApiResponse loser = responses.stream()
                    .filter(r -> r.status() == 409)
                    .findFirst()
                    .orElseThrow();
            assertThat(loser.contentType()).startsWith("application/problem+json");
            ApiResponse winner = responses.stream()
                    .filter(r -> r.status() == 201)
                    .findFirst()
                    .orElseThrow();
            assertThat(api.get("/v1/whoami", winner.json().at("/apiKey/key").asText())
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void givenALostSignupRaceLeftAHoleInTheEventStream_whenTheNextTenantSignsUp_thenItIsNotHeldUp() throws Exception {
        long holesBefore = holesInEventStream();
        for (int round = 0; round < 10 && holesInEventStream() == holesBefore; round++) {
            race(uniqueName("hole"));
        }
        assumeThat(holesInEventStream())
                .as("a racing signup was rolled back after appending its events")
                .isGreaterThan(holesBefore);

        long started = System.nanoTime();
        ApiResponse next = signUp(uniqueName("after"), "owner@after.example");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(next.status()).isEqualTo(201);
        // An ordinary signup answers well within a second; the read-your-writes wait gives up after 5s.
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    /** Two signups for one name, released at the same instant. */
    private List<ApiResponse> race(String name) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<ApiResponse>> racers = IntStream.range(0, 2)
                .<Callable<ApiResponse>>mapToObj(i -> () -> {
                    start.await();
                    return signUp(name, "racer" + i + "@" + name + ".example");
                })
                .toList();
        List<ApiResponse> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            var futures = racers.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                responses.add(future.get());
            }
        }
        return responses;
    }

    /** Positions of the global event sequence that no committed event holds (rolled-back appends). */
    private long holesInEventStream() throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT coalesce(max(global_index), 0) - count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private ApiResponse signUp(String tenant, String email) {
        return api.post("/v1/signup", null, "{\"tenant\":\"" + tenant + "\",\"email\":\"" + email + "\"}");
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
