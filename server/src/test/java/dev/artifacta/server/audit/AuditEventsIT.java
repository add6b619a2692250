package dev.artifacta.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuditEventsIT extends ApiTest {

    private static final Pattern RAW_KEY = Pattern.compile("ak_live_[A-Za-z0-9]{32}");
    private static final String CI = "CI Pipeline";
    private static final String CI_SCOPES = "[\"agents:manage\",\"audit:read\"]";

    @Inject
    DataSource dataSource;

    /** Every audit response of this class, scanned for secrets by the tests that write keys. */
    private final List<ApiResponse> auditResponses = new ArrayList<>();

    @Test
    void givenTwoKeysNamedAlikeOneAfterTheOther_whenFilteredByKeyName_thenActionsOfBothAreListedNewestFirst()
            throws Exception {
        Tenant tenant = api.signUp("ci");
        JsonNode oldCi = api.createKey(tenant.key(), "{\"name\":\"" + CI + "\",\"scopes\":" + CI_SCOPES + "}");
        ApiResponse byOldCi = sendAs(
                post("/v1/api-keys", "{\"name\":\"built-by-old-ci\",\"scopes\":[\"audit:read\"]}"),
                oldCi.get("key").asText(),
                "ci-runner/1.0 (old)",
                "req-old-ci-1");
        assertThat(byOldCi.status()).isEqualTo(201);
        String builtByOld = byOldCi.json().get("id").asText();
        assertThat(api.delete("/v1/api-keys/" + oldCi.get("id").asText(), tenant.key())
                        .status())
                .isEqualTo(200);
        JsonNode newCi = api.createKey(tenant.key(), "{\"name\":\"" + CI + "\",\"scopes\":" + CI_SCOPES + "}");
        String newCiKey = newCi.get("key").asText();
        ApiResponse createdByNew = sendAs(
                post("/v1/api-keys", "{\"name\":\"built-by-new-ci\",\"scopes\":[\"agents:manage\"]}"),
                newCiKey,
                "ci-runner/2.0 (new)",
                "req-new-ci-1");
        assertThat(createdByNew.status()).isEqualTo(201);
        String builtByNew = createdByNew.json().get("id").asText();
        ApiResponse revokedByNew = sendAs(
                HttpRequest.DELETE("/v1/api-keys/" + builtByOld), newCiKey, "ci-runner/2.0 (new)", "req-new-ci-2");
        assertThat(revokedByNew.status()).isEqualTo(200);

        ApiResponse audit = audit("?keyName=CI%20Pipeline", tenant.key());

        assertThat(audit.status()).isEqualTo(200);
        List<JsonNode> items = items(audit);
        assertThat(items)
                .extracting(e ->
                        e.get("action").asText() + " " + e.at("/resource/id").asText())
                .containsExactly(
                        "api_key.revoked " + builtByOld,
                        "api_key.created " + builtByNew,
                        "api_key.created " + builtByOld);
        assertThat(audit.json().get("nextCursor").isNull()).isTrue();
        assertThat(occurredAts(items)).isSortedAccordingTo(Comparator.reverseOrder());

        String ownerEmail = "owner@" + tenant.name() + ".example";
        assertActedBy(items.get(0), newCi.get("id").asText(), ownerEmail);
        assertActedBy(items.get(1), newCi.get("id").asText(), ownerEmail);
        assertActedBy(items.get(2), oldCi.get("id").asText(), ownerEmail);
        for (JsonNode item : items) {
            assertThat(item.at("/resource/type").asText()).isEqualTo("api_key");
            assertThat(item.get("id").asText()).isNotBlank();
            assertThat(item.at("/request/clientAddress").asText()).isNotBlank();
            assertThat(InetAddress.getByName(item.at("/request/clientAddress").asText())
                            .isLoopbackAddress())
                    .isTrue();
        }
        assertRequest(items.get(0), "req-new-ci-2", "ci-runner/2.0 (new)");
        assertRequest(items.get(1), "req-new-ci-1", "ci-runner/2.0 (new)");
        assertRequest(items.get(2), "req-old-ci-1", "ci-runner/1.0 (old)");
        assertThat(items.get(1).at("/details/name").asText()).isEqualTo("built-by-new-ci");
        assertThat(items.get(2).at("/details/scopes/0").asText()).isEqualTo("audit:read");
        assertThat(items.get(0).at("/details/name").asText()).isEqualTo("built-by-old-ci");

        // The owner's own actions on the CI keys were made with "Default key", not with a CI key.
        assertThat(items(audit("?keyName=Default%20key", tenant.key())))
                .extracting(e ->
                        e.get("action").asText() + " " + e.at("/resource/id").asText())
                .containsExactly(
                        "api_key.created " + newCi.get("id").asText(),
                        "api_key.revoked " + oldCi.get("id").asText(),
                        "api_key.created " + oldCi.get("id").asText());
        assertNoRawKeys(List.of(
                oldCi.get("key").asText(),
                newCiKey,
                byOldCi.json().get("key").asText(),
                createdByNew.json().get("key").asText()));
    }

    @Test
    void signupIsRecordedAsTheTenantAndItsFirstKeyCreatedByTheOwningUser() {
        String name = "signup-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "owner@" + name + ".example";
        ApiResponse signup =
                api.send(HttpRequest.POST("/v1/signup", "{\"tenant\":\"" + name + "\",\"email\":\"" + email + "\"}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("User-Agent", "signup-form/3.1")
                        .header("X-Request-Id", "req-signup-1"));
        assertThat(signup.status()).isEqualTo(201);
        String tenantId = signup.json().at("/tenant/id").asText();
        String keyId = signup.json().at("/apiKey/id").asText();

        List<JsonNode> items = items(audit("", signup.json().at("/apiKey/key").asText()));

        assertThat(items)
                .extracting(e ->
                        e.get("action").asText() + " " + e.at("/resource/type").asText() + " "
                                + e.at("/resource/id").asText())
                .containsExactly(
                        "project.created project "
                                + defaultProjectOf(
                                        signup.json().at("/apiKey/key").asText()),
                        "api_key.created api_key " + keyId,
                        "tenant.created tenant " + tenantId);
        for (JsonNode item : items) {
            assertThat(item.at("/actor/type").asText()).isEqualTo("user");
            assertThat(item.at("/actor/id").asText()).isEqualTo(email);
            assertThat(item.at("/actor/displayName").asText()).isEqualTo(email);
            assertThat(item.at("/actor/keyId").isNull()).isTrue();
            assertThat(item.at("/actor/keyName").isNull()).isTrue();
            assertThat(item.at("/actor/identity/type").asText()).isEqualTo("user");
            assertThat(item.at("/actor/identity/name").asText()).isEqualTo(email);
            assertRequest(item, "req-signup-1", "signup-form/3.1");
        }
        assertThat(items.get(0).at("/details/slug").asText()).isEqualTo("default");
        assertThat(items.get(1).at("/details/name").asText()).isEqualTo("Default key");
        assertThat(items.get(2).at("/details/name").asText()).isEqualTo(name);
        assertThat(items.get(2).at("/details/plan").asText()).isEqualTo("free");
    }

    @Test
    void givenAnUnsafeRequestIdAndAnOverlongUserAgent_thenAGeneratedIdAndTheAgentsFirst512CharactersAreRecorded() {
        Tenant tenant = api.signUp("headers");
        String unsafeId = "bad id; </script> " + "z".repeat(200);
        String longAgent = "agent/" + "x".repeat(600);

        ApiResponse created = api.send(post("/v1/api-keys", "{\"name\":\"headers\"}")
                .bearerAuth(tenant.key())
                .header("X-Request-Id", unsafeId)
                .header("User-Agent", longAgent));

        assertThat(created.status()).isEqualTo(201);
        String echoed = created.header("X-Request-Id");
        assertThat(echoed).matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        JsonNode entry = items(audit("?action=api_key.created&keyId=" + tenant.keyId(), tenant.key()))
                .getFirst();
        assertThat(entry.at("/resource/id").asText())
                .isEqualTo(created.json().get("id").asText());
        assertThat(entry.at("/request/id").asText()).isEqualTo(echoed);
        assertThat(entry.at("/request/userAgent").asText()).isEqualTo(longAgent.substring(0, 512));
    }

    @Test
    void givenEventsOfSeveralKeys_whenFilteredByKeyId_thenOnlyThatKeysActionsAreListed() {
        Tenant tenant = api.signUp("keyid");
        JsonNode manager = api.createKey(tenant.key(), "{\"name\":\"manager\",\"scopes\":[\"agents:manage\"]}");
        String byManager = api.createKey(
                        manager.get("key").asText(), "{\"name\":\"by-manager\",\"scopes\":[\"agents:manage\"]}")
                .get("id")
                .asText();
        String byOwner =
                api.createKey(tenant.key(), "{\"name\":\"by-owner\"}").get("id").asText();

        List<JsonNode> managers = items(audit("?keyId=" + manager.get("id").asText(), tenant.key()));
        List<JsonNode> owners = items(audit("?keyId=" + tenant.keyId(), tenant.key()));

        assertThat(managers).extracting(e -> e.at("/resource/id").asText()).containsExactly(byManager);
        assertThat(managers.getFirst().at("/actor/keyId").asText())
                .isEqualTo(manager.get("id").asText());
        assertThat(owners)
                .extracting(e -> e.at("/resource/id").asText())
                .containsExactly(byOwner, manager.get("id").asText());
        assertThat(owners)
                .allSatisfy(e -> assertThat(e.at("/actor/keyId").asText()).isEqualTo(tenant.keyId()));
        assertThat(items(audit("?keyId=" + UUID.randomUUID(), tenant.key()))).isEmpty();
        assertThat(items(audit("?keyId=" + manager.get("id").asText() + "&keyName=manager", tenant.key())))
                .hasSize(1);
        assertThat(items(audit("?keyId=" + manager.get("id").asText() + "&keyName=Default%20key", tenant.key())))
                .isEmpty();
    }

    @Test
    void actionFilterMatchesExactlyOrByPrefixEndingInADot() {
        Tenant tenant = api.signUp("action");
        String kept =
                api.createKey(tenant.key(), "{\"name\":\"kept\"}").get("id").asText();
        String dropped =
                api.createKey(tenant.key(), "{\"name\":\"dropped\"}").get("id").asText();
        api.delete("/v1/api-keys/" + dropped, tenant.key());
        ApiResponse planChange =
                api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        assertThat(planChange.status()).isEqualTo(200);

        assertThat(actionsAndResources(audit("?action=api_key.created", tenant.key())))
                .containsExactly(
                        "api_key.created " + dropped, "api_key.created " + kept, "api_key.created " + tenant.keyId());
        assertThat(actionsAndResources(audit("?action=api_key.", tenant.key())))
                .containsExactly(
                        "api_key.revoked " + dropped,
                        "api_key.created " + dropped,
                        "api_key.created " + kept,
                        "api_key.created " + tenant.keyId());
        assertThat(actionsAndResources(audit("?action=tenant.", tenant.key())))
                .containsExactly("tenant.plan_changed " + tenant.id(), "tenant.created " + tenant.id());
        assertThat(items(audit("?action=api_key", tenant.key())))
                .as("no dot, so not a prefix")
                .isEmpty();
        assertThat(items(audit("?action=api_key.create", tenant.key())))
                .as("exact match only")
                .isEmpty();
        assertThat(items(audit("?action=api%25key.", tenant.key())))
                .as("% is not a wildcard")
                .isEmpty();
        assertThat(items(audit("?action=api_key_", tenant.key())))
                .as("_ is not a wildcard")
                .isEmpty();

        List<JsonNode> planChanges = items(audit("?action=tenant.plan_changed", tenant.key()));
        assertThat(planChanges).hasSize(1);
        assertThat(planChanges.getFirst().at("/actor/type").asText()).isEqualTo("service");
        assertThat(planChanges.getFirst().at("/actor/keyId").isNull()).isTrue();
        assertThat(planChanges.getFirst().at("/details/previousPlan").asText()).isEqualTo("free");
        assertThat(planChanges.getFirst().at("/details/plan").asText()).isEqualTo("pro");

        assertThat(actionsAndResources(audit("?action=api_key.created&keyId=" + tenant.keyId(), tenant.key())))
                .containsExactly("api_key.created " + dropped, "api_key.created " + kept);
        assertThat(actionsAndResources(audit("?action=api_key.&keyName=Default%20key", tenant.key())))
                .containsExactly("api_key.revoked " + dropped, "api_key.created " + dropped, "api_key.created " + kept);
    }

    @Test
    void timeFilterIncludesFromAndExcludesTo() throws Exception {
        Tenant tenant = api.signUp("time");
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Thread.sleep(20); // distinct timestamps, so each bound falls on exactly one entry
            created.add(api.createKey(tenant.key(), "{\"name\":\"t" + i + "\"}")
                    .get("id")
                    .asText());
        }
        List<JsonNode> all = items(audit("?action=api_key.created&keyId=" + tenant.keyId(), tenant.key()));
        assertThat(all).extracting(e -> e.at("/resource/id").asText()).containsExactlyElementsOf(created.reversed());
        String first = all.get(2).get("occurredAt").asText();
        String second = all.get(1).get("occurredAt").asText();
        String third = all.get(0).get("occurredAt").asText();

        assertThat(resourceIds(audit("?keyId=" + tenant.keyId() + "&from=" + q(second), tenant.key())))
                .containsExactly(created.get(2), created.get(1));
        assertThat(resourceIds(audit("?keyId=" + tenant.keyId() + "&to=" + q(second), tenant.key())))
                .containsExactly(created.get(0));
        assertThat(resourceIds(
                        audit("?keyId=" + tenant.keyId() + "&from=" + q(first) + "&to=" + q(third), tenant.key())))
                .containsExactly(created.get(1), created.get(0));
        assertThat(resourceIds(
                        audit("?keyId=" + tenant.keyId() + "&from=" + q(second) + "&to=" + q(second), tenant.key())))
                .isEmpty();
        String justAfterSecond = Instant.parse(second).plusNanos(1_000).toString();
        assertThat(resourceIds(audit("?from=" + q(second) + "&to=" + q(justAfterSecond), tenant.key())))
                .containsExactly(created.get(1));
        String future = Instant.now().plusSeconds(3600).toString();
        assertThat(items(audit("?from=" + q(future), tenant.key()))).isEmpty();
        assertThat(items(audit("?to=" + q(future), tenant.key()))).hasSize(6);
    }

    @Test
    void givenNewEventsBetweenPages_whenWalkingCursors_thenEveryEntryComesExactlyOnceNewestFirst() throws Exception {
        Tenant tenant = api.signUp("pages");
        for (int i = 1; i <= 5; i++) {
            api.createKey(tenant.key(), "{\"name\":\"before-" + i + "\",\"scopes\":[\"artifacts:read\"]}");
        }
        ApiResponse everything = audit("?limit=200", tenant.key());
        List<String> expected = ids(items(everything));
        assertThat(expected).hasSize(8);
        assertThat(everything.json().get("nextCursor").isNull()).isTrue();

        List<String> walked = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        int page = 0;
        do {
            if (cursor != null) {
                // Newer entries arrive while the client pages: they must neither shift nor repeat older ones.
                api.createKey(tenant.key(), "{\"name\":\"during-" + page + "\",\"scopes\":[\"artifacts:read\"]}");
            }
            ApiResponse response = audit("?limit=2" + (cursor == null ? "" : "&cursor=" + q(cursor)), tenant.key());
            List<JsonNode> items = items(response);
            walked.addAll(ids(items));
            pageSizes.add(items.size());
            cursor = response.json().get("nextCursor").isNull()
                    ? null
                    : response.json().get("nextCursor").asText();
            page++;
        } while (cursor != null && page < 10);

        assertThat(walked).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        assertThat(pageSizes).containsExactly(2, 2, 2, 2);
        List<Long> positions = walked.stream().map(this::storePosition).toList();
        assertThat(positions).isSortedAccordingTo(Comparator.reverseOrder()).doesNotHaveDuplicates();
        List<String> afterwards = ids(items(audit("?limit=200", tenant.key())));
        assertThat(afterwards).hasSize(expected.size() + 3).endsWith(expected.toArray(String[]::new));
    }

    @Test
    void givenExactlyAFullPage_thenTheLastPageHasNoCursor() {
        // Signup records three entries (tenant, first key, default project); one key makes four.
        Tenant tenant = api.signUp("fullpage");
        api.createKey(tenant.key(), "{\"name\":\"fourth\"}");

        ApiResponse first = audit("?limit=2", tenant.key());
        ApiResponse second =
                audit("?limit=2&cursor=" + q(first.json().get("nextCursor").asText()), tenant.key());

        assertThat(items(first)).hasSize(2);
        assertThat(first.json().get("nextCursor").isNull()).isFalse();
        assertThat(items(second)).hasSize(2);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(items(audit("?limit=4", tenant.key()))).hasSize(4);
        assertThat(audit("?limit=4", tenant.key()).json().get("nextCursor").isNull())
                .isTrue();
        assertThat(items(audit("?limit=1", tenant.key()))).hasSize(1);
        assertThat(audit("?limit=200", tenant.key()).status()).isEqualTo(200);
    }

    @Test
    void invalidQueriesAreRejectedWithProblems() {
        Tenant tenant = api.signUp("badquery");
        String foreignCursor = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("b9:12".getBytes(StandardCharsets.US_ASCII));
        String nonNumericCursor = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("a1:twelve".getBytes(StandardCharsets.US_ASCII));
        record Case(String query, String type) {}
        List<Case> cases = List.of(
                new Case("?limit=0", "invalid-limit"),
                new Case("?limit=201", "invalid-limit"),
                new Case("?limit=-1", "invalid-limit"),
                new Case("?cursor=not-a-cursor!", "invalid-cursor"),
                new Case("?cursor=" + foreignCursor, "invalid-cursor"),
                new Case("?cursor=" + nonNumericCursor, "invalid-cursor"),
                new Case("?from=yesterday", "invalid-time"),
                new Case("?from=2026-11-22", "invalid-time"),
                new Case("?to=2026-13-40T99:00:00Z", "invalid-time"));

        for (Case c : cases) {
            ApiResponse response = audit(c.query(), tenant.key());
            assertThat(response.status()).as(c.query()).isEqualTo(400);
            assertThat(response.contentType()).as(c.query()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(c.query()).endsWith("/" + c.type());
            assertThat(response.json().get("detail").asText()).as(c.query()).isNotBlank();
        }
        ApiResponse notANumber = audit("?limit=many", tenant.key());
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenKeyWithoutAuditRead_whenItReadsTheAudit_thenForbiddenNamingTheScope() {
        Tenant tenant = api.signUp("noaudit");
        String manager = api.createKey(tenant.key(), "{\"name\":\"manager\",\"scopes\":[\"agents:manage\"]}")
                .get("key")
                .asText();

        ApiResponse response = audit("", manager);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("requiredScope").asText()).isEqualTo("audit:read");
        assertThat(response.json().get("detail").asText()).contains("audit:read");
        assertThat(response.body()).doesNotContain("api_key.created");
        assertThat(audit("", null).status()).isEqualTo(401);
    }

    private void assertActedBy(JsonNode item, String keyId, String ownerEmail) {
        assertThat(item.get("occurredAt").asText()).isNotBlank();
        assertThat(item.at("/actor/type").asText()).isEqualTo("api_key");
        assertThat(item.at("/actor/id").asText()).isEqualTo(keyId);
        assertThat(item.at("/actor/displayName").asText()).isEqualTo("API Key: " + CI);
        assertThat(item.at("/actor/keyId").asText()).isEqualTo(keyId);
        assertThat(item.at("/actor/keyName").asText()).isEqualTo(CI);
        assertThat(item.at("/actor/identity/type").asText()).isEqualTo("user");
        assertThat(item.at("/actor/identity/name").asText()).isEqualTo(ownerEmail);
    }

    private static void assertRequest(JsonNode item, String requestId, String userAgent) {
        assertThat(item.at("/request/id").asText()).as("request id").isEqualTo(requestId);
        assertThat(item.at("/request/userAgent").asText()).as("user agent").isEqualTo(userAgent);
        assertThat(item.at("/request/clientAddress").asText())
                .as("client address")
                .isNotBlank();
    }

    private void assertNoRawKeys(List<String> rawKeys) {
        assertThat(auditResponses).isNotEmpty();
        for (ApiResponse response : auditResponses) {
            assertThat(RAW_KEY.matcher(response.body()).find())
                    .as(response.body())
                    .isFalse();
            for (String raw : rawKeys) {
                assertThat(response.body()).doesNotContain(raw).doesNotContain(raw.substring(8));
            }
        }
    }

    private ApiResponse audit(String query, String key) {
        MutableHttpRequest<?> request = HttpRequest.GET("/v1/audit-events" + query);
        ApiResponse response = api.send(key == null ? request : request.bearerAuth(key));
        synchronized (auditResponses) {
            auditResponses.add(response);
        }
        return response;
    }

    private static MutableHttpRequest<String> post(String path, String json) {
        return HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private ApiResponse sendAs(MutableHttpRequest<?> request, String key, String userAgent, String requestId) {
        ApiResponse response =
                api.send(request.bearerAuth(key).header("User-Agent", userAgent).header("X-Request-Id", requestId));
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        return response;
    }

    private long storePosition(String eventId) {
        try (Connection connection =
                        DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var statement = connection.prepareStatement(
                        "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")) {
            statement.setString(1, eventId);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next())
                        .as("event " + eventId + " is in the store")
                        .isTrue();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> items(ApiResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("items").spliterator(), false)
                .toList();
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(e -> e.get("id").asText()).toList();
    }

    private static List<String> resourceIds(ApiResponse response) {
        return items(response).stream().map(e -> e.at("/resource/id").asText()).toList();
    }

    private static List<String> actionsAndResources(ApiResponse response) {
        return items(response).stream()
                .map(e -> e.get("action").asText() + " " + e.at("/resource/id").asText())
                .toList();
    }

    private static List<Instant> occurredAts(List<JsonNode> items) {
        return items.stream()
                .map(e -> Instant.parse(e.get("occurredAt").asText()))
                .toList();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String defaultProjectOf(String key) {
        return api.get("/v1/projects", key).json().at("/items/0/id").asText();
    }
}
