package dev.artifacta.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.CapturedLogs;
import dev.artifacta.server.testing.MovableClock;
import dev.artifacta.server.testing.Tables;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Share links: a token shown once opens one artifact with the link's role, without any key;
 * revoked, expired and unknown links, and links to deleted artifacts, all answer the same 404.
 * The server's clock is movable, so every time here is taken from it.
 */
@MicronautTest(transactional = false)
class ShareLinksIT extends ApiTest {

    private static final Pattern TOKEN = Pattern.compile("^sl_live_[A-Za-z0-9]{32}$");
    private static final Pattern ANY_TOKEN = Pattern.compile("sl_live_[A-Za-z0-9]{32}");

    @Inject
    MovableClock clock;

    @Inject
    DataSource dataSource;

    private CapturedLogs logs;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.test.movable-clock", "true");
    }

    @BeforeAll
    void captureLogs() {
        logs = CapturedLogs.start();
    }

    @AfterAll
    void stopCapturing() {
        logs.close();
    }

    @Test
    void givenProPlan_whenViewerLinkIsCreated_thenTheTokenIsShownOnce_andOpensThePrivateArtifactWithoutAKey() {
        Tenant tenant = proTenant("viewer-link");
        String artifact = createArtifact(tenant.key(), "Launch plan", "secret plan v1", true);
        assertThat(api.get("/v1/artifacts/" + artifact, null).status())
                .as("a private artifact is hidden from the public")
                .isEqualTo(404);

        ApiResponse created =
                api.post("/v1/artifacts/" + artifact + "/share-links", tenant.key(), "{\"role\":\"viewer\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode link = created.json();
        String token = link.get("token").asText();
        assertThat(token).matches(TOKEN);
        assertThat(created.header("Location"))
                .isEqualTo("/v1/share-links/" + link.get("id").asText());
        assertThat(link.get("artifactId").asText()).isEqualTo(artifact);
        assertThat(link.get("role").asText()).isEqualTo("viewer");
        assertThat(link.get("prefix").asText()).isEqualTo(token.substring(0, 12));
        assertThat(link.get("url").asText()).isEqualTo("/v1/shared/" + token);

        ApiResponse list = api.get("/v1/artifacts/" + artifact + "/share-links", tenant.key());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(token).doesNotContain("token").doesNotContain("sha256");
        assertThat(items(list)).singleElement().satisfies(item -> {
            assertThat(item.get("id").asText()).isEqualTo(link.get("id").asText());
            assertThat(item.get("role").asText()).isEqualTo("viewer");
            assertThat(item.get("status").asText()).isEqualTo("active");
            assertThat(item.get("prefix").asText()).isEqualTo(token.substring(0, 12));
            assertThat(item.get("createdBy").asText()).isEqualTo("API Key: Default key");
        });

        ApiResponse opened = api.get("/v1/shared/" + token, null);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().get("id").asText()).isEqualTo(artifact);
        assertThat(opened.json().get("title").asText()).isEqualTo("Launch plan");
        assertThat(opened.json().get("version").asLong()).isEqualTo(1);
        assertThat(opened.json().get("publicView").asBoolean()).isFalse();
        assertThat(opened.body()).doesNotContain(token);

        ApiResponse content = api.get("/v1/shared/" + token + "/content", null);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body()).isEqualTo("secret plan v1");
        assertThat(content.contentType()).startsWith("text/plain");
        assertThat(content.header("X-Artifact-Version")).isEqualTo("1");
        assertThat(api.get("/v1/shared/" + token + "/content?version=1", null).body())
                .isEqualTo("secret plan v1");
    }

    @Test
    void viewerLinkCannotAppendAVersion() {
        Tenant tenant = proTenant("viewer-write");
        String artifact = createArtifact(tenant.key(), "Read only", "v1", true);
        String token =
                createLink(tenant.key(), artifact, "viewer", null).get("token").asText();

        ApiResponse append = api.post("/v1/shared/" + token + "/versions", null, "{\"content\":\"vandalised\"}");

        assertThat(append.status()).isEqualTo(403);
        assertThat(append.contentType()).startsWith("application/problem+json");
        assertThat(append.json().get("type").asText()).endsWith("/insufficient-role");
        assertThat(append.json().get("requiredRole").asText()).isEqualTo("editor");
        assertThat(append.body()).doesNotContain(token);
        assertThat(headVersion(tenant.key(), artifact)).isEqualTo(1);
        assertThat(api.get("/v1/artifacts/" + artifact + "/content", tenant.key())
                        .body())
                .isEqualTo("v1");
    }

    @Test
    void editorLinkAppendsAVersion_andTheAuditNamesTheLinkAsTheActor() {
        Tenant tenant = proTenant("editor-write");
        String artifact = createArtifact(tenant.key(), "Shared notes", "v1", true);
        JsonNode link = createLink(tenant.key(), artifact, "editor", null);
        String token = link.get("token").asText();

        ApiResponse append = api.post("/v1/shared/" + token + "/versions", null, "{\"content\":\"v2 by a guest\"}");

        assertThat(append.status()).isEqualTo(201);
        assertThat(append.json().get("version").asLong()).isEqualTo(2);
        assertThat(append.header("ETag")).isEqualTo("\"2\"");
        assertThat(headVersion(tenant.key(), artifact)).isEqualTo(2);
        assertThat(api.get("/v1/artifacts/" + artifact + "/content", tenant.key())
                        .body())
                .isEqualTo("v2 by a guest");
        assertThat(api.get("/v1/shared/" + token + "/content", null).body()).isEqualTo("v2 by a guest");

        JsonNode entry = singleAuditEntry(tenant.key(), "artifact.version_appended");
        assertThat(entry.at("/resource/id").asText()).isEqualTo(artifact);
        assertThat(entry.at("/actor/type").asText()).isEqualTo("share_link");
        assertThat(entry.at("/actor/id").asText()).isEqualTo(link.get("id").asText());
        assertThat(entry.at("/actor/displayName").asText())
                .startsWith("Share link: sl_live_")
                .contains(link.get("prefix").asText())
                .doesNotContain(token);
        assertThat(entry.at("/actor/keyId").isNull()).isTrue();
    }

    @Test
    void givenStaleIfMatch_whenEditorLinkAppends_thenPreconditionFailed_andNothingIsWritten() {
        Tenant tenant = proTenant("editor-stale");
        String artifact = createArtifact(tenant.key(), "Contended", "v1", true);
        String token =
                createLink(tenant.key(), artifact, "editor", null).get("token").asText();
        api.post("/v1/artifacts/" + artifact + "/versions", tenant.key(), "{\"content\":\"v2\"}");

        ApiResponse stale = api.send(HttpRequest.POST("/v1/shared/" + token + "/versions", "{\"content\":\"late\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("If-Match", "\"1\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(headVersion(tenant.key(), artifact)).isEqualTo(2);
    }

    @Test
    void listShowsActiveRevokedAndExpiredLinks() {
        Tenant tenant = proTenant("statuses");
        String artifact = createArtifact(tenant.key(), "Many links", "v1", true);
        String active =
                createLink(tenant.key(), artifact, "viewer", null).get("id").asText();
        String revoked =
                createLink(tenant.key(), artifact, "editor", null).get("id").asText();
        String expiring = createLink(
                        tenant.key(), artifact, "viewer", clock.instant().plusSeconds(60))
                .get("id")
                .asText();
        assertThat(api.delete("/v1/share-links/" + revoked, tenant.key()).status())
                .isEqualTo(204);
        assertThat(statuses(tenant.key(), artifact))
                .containsExactlyInAnyOrderEntriesOf(Map.of(active, "active", revoked, "revoked", expiring, "active"));

        clock.advance(Duration.ofMinutes(2));

        List<JsonNode> items = items(api.get("/v1/artifacts/" + artifact + "/share-links", tenant.key()));
        assertThat(statuses(tenant.key(), artifact))
                .containsExactlyInAnyOrderEntriesOf(Map.of(active, "active", revoked, "revoked", expiring, "expired"));
        JsonNode revokedItem = items.stream()
                .filter(item -> item.get("id").asText().equals(revoked))
                .findFirst()
                .orElseThrow();
        assertThat(revokedItem.get("revokedAt").isNull()).isFalse();
        assertThat(revokedItem.get("role").asText()).isEqualTo("editor");
    }

    @Test
    void givenRevokedLink_whenOpened_thenNotFound_exactlyLikeAnUnknownToken() {
        Tenant tenant = proTenant("revoke");
        String artifact = createArtifact(tenant.key(), "Soon closed", "v1", true);
        JsonNode link = createLink(tenant.key(), artifact, "editor", null);
        String token = link.get("token").asText();
        assertThat(api.get("/v1/shared/" + token, null).status()).isEqualTo(200);

        ApiResponse revoke = api.delete("/v1/share-links/" + link.get("id").asText(), tenant.key());

        assertThat(revoke.status()).isEqualTo(204);
        assertThat(revoke.body()).isEmpty();
        assertNoSuchLink(token);
        assertThat(headVersion(tenant.key(), artifact)).isEqualTo(1);
        JsonNode audit = singleAuditEntry(tenant.key(), "share_link.revoked");
        assertThat(audit.at("/resource/id").asText()).isEqualTo(link.get("id").asText());
    }

    @Test
    void givenRevokedLink_whenRevokedAgain_thenConflict() {
        Tenant tenant = proTenant("revoke-twice");
        String artifact = createArtifact(tenant.key(), "Twice", "v1", true);
        String id = createLink(tenant.key(), artifact, "viewer", null).get("id").asText();
        assertThat(api.delete("/v1/share-links/" + id, tenant.key()).status()).isEqualTo(204);

        ApiResponse again = api.delete("/v1/share-links/" + id, tenant.key());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("type").asText()).endsWith("/share-link-already-revoked");
    }

    @Test
    void givenLinks_whenOneIsReadById_thenItIsShownAsListed_withoutItsToken_revokedOnesIncluded() {
        Tenant tenant = proTenant("read-link");
        String artifact = createArtifact(tenant.key(), "Read by id", "v1", true);
        String id = createLink(tenant.key(), artifact, "editor", null).get("id").asText();
        JsonNode listed = items(api.get("/v1/artifacts/" + artifact + "/share-links", tenant.key()))
                .getFirst();

        ApiResponse read = api.get("/v1/share-links/" + id, tenant.key());

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.contentType()).startsWith("application/json");
        assertThat(read.json()).isEqualTo(listed);
        assertThat(read.body()).doesNotContainPattern(ANY_TOKEN);
        assertThat(api.delete("/v1/share-links/" + id, tenant.key()).status()).isEqualTo(204);
        ApiResponse revoked = api.get("/v1/share-links/" + id, tenant.key());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
    }

    @Test
    void givenAnotherTenantsOrAnUnknownLinkId_whenRead_thenTheSameNotFound() {
        Tenant owner = proTenant("link-owner");
        Tenant stranger = proTenant("link-stranger");
        String artifact = createArtifact(owner.key(), "Theirs", "v1", true);
        String id = createLink(owner.key(), artifact, "viewer", null).get("id").asText();

        for (String path : List.of(
                "/v1/share-links/" + id,
                "/v1/share-links/00000000-0000-0000-0000-000000000000",
                "/v1/share-links/not-a-uuid")) {
            ApiResponse read = api.get(path, stranger.key());
            assertThat(read.status()).as(path).isEqualTo(404);
            assertThat(read.contentType()).as(path).startsWith("application/problem+json");
            assertThat(read.json().get("type").asText()).as(path).endsWith("/share-link-not-found");
        }
        assertThat(api.get("/v1/share-links/" + id, null).status()).isEqualTo(401);
    }

    @Test
    void givenAKeyWithoutTheShareScope_whenItReadsALink_thenForbidden_asWhenItLists() {
        Tenant tenant = proTenant("link-reader");
        String artifact = createArtifact(tenant.key(), "Scoped", "v1", true);
        String id = createLink(tenant.key(), artifact, "viewer", null).get("id").asText();
        String reader = api.createKey(tenant.key(), "{\"name\":\"reader\",\"scopes\":[\"artifacts:read\"]}")
                .get("key")
                .asText();

        ApiResponse list = api.get("/v1/artifacts/" + artifact + "/share-links", reader);
        ApiResponse read = api.get("/v1/share-links/" + id, reader);

        assertThat(list.status()).isEqualTo(403);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.json().get("requiredScope").asText())
                .isEqualTo(list.json().get("requiredScope").asText());
    }

    @Test
    void unknownLinkIdsAreNotFoundWhenRevoked() {
        Tenant tenant = proTenant("revoke-unknown");

        for (String id : List.of("00000000-0000-0000-0000-000000000000", "not-a-uuid")) {
            ApiResponse revoke = api.delete("/v1/share-links/" + id, tenant.key());
            assertThat(revoke.status()).as(id).isEqualTo(404);
            assertThat(revoke.json().get("type").asText()).as(id).endsWith("/share-link-not-found");
        }
    }

    @Test
    void givenLinkThatExpires_whenItsTimeHasPassed_thenNotFound() {
        Tenant tenant = proTenant("expiry");
        String artifact = createArtifact(tenant.key(), "Brief", "v1", true);
        JsonNode link =
                createLink(tenant.key(), artifact, "editor", clock.instant().plusSeconds(30));
        String token = link.get("token").asText();
        assertThat(Instant.parse(link.get("expiresAt").asText())).isAfter(clock.instant());
        assertThat(api.get("/v1/shared/" + token, null).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));

        assertNoSuchLink(token);
        assertThat(headVersion(tenant.key(), artifact)).isEqualTo(1);
    }

    @Test
    void givenDeletedArtifact_whenItsLinkIsOpened_thenNotFound() {
        Tenant tenant = proTenant("deleted");
        String artifact = createArtifact(tenant.key(), "Doomed", "v1", true);
        String token =
                createLink(tenant.key(), artifact, "editor", null).get("token").asText();
        assertThat(api.get("/v1/shared/" + token, null).status()).isEqualTo(200);

        assertThat(api.delete("/v1/artifacts/" + artifact, tenant.key()).status())
                .isEqualTo(204);

        assertNoSuchLink(token);
        assertThat(api.get("/v1/artifacts/" + artifact, tenant.key()).status()).isEqualTo(404);
    }

    @Test
    void givenFreePlan_whenALinkIsCreated_thenForbiddenNamingThePlan_andNothingIsWritten() {
        Tenant tenant = api.signUp("free-links");
        String artifact = createArtifact(tenant.key(), "Free", "v1", false);

        ApiResponse refused =
                api.post("/v1/artifacts/" + artifact + "/share-links", tenant.key(), "{\"role\":\"viewer\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("/plan-upgrade-required");
        assertThat(refused.json().get("requiredPlan").asText()).isEqualTo("pro");
        assertThat(refused.json().get("plan").asText()).isEqualTo("free");
        assertThat(refused.json().get("detail").asText()).containsIgnoringCase("share links");
        assertThat(refused.body()).doesNotContain("sl_live_");
        assertThat(items(api.get("/v1/artifacts/" + artifact + "/share-links", tenant.key())))
                .isEmpty();
        assertThat(auditEntries(tenant.key(), "share_link.created")).isEmpty();
    }

    @Test
    void invalidLinkRequestsAreRejected_andWriteNothing() {
        Tenant tenant = proTenant("invalid");
        String artifact = createArtifact(tenant.key(), "Strict", "v1", true);
        record Case(String body, int status, String type) {}
        List<Case> cases = List.of(
                new Case("{\"role\":\"owner\"}", 422, "invalid-role"),
                new Case("{\"role\":\"admin\"}", 422, "invalid-role"),
                new Case("{\"role\":\"Viewer\"}", 422, "invalid-role"),
                new Case("{}", 422, "invalid-request"),
                new Case(
                        "{\"role\":\"viewer\",\"expiresAt\":\""
                                + clock.instant().minusSeconds(60) + "\"}",
                        422,
                        "invalid-expiry"),
                new Case("{\"role\":\"viewer\",\"expiresAt\":\"soon\"}", 400, "malformed-request"));

        for (Case c : cases) {
            ApiResponse response = api.post("/v1/artifacts/" + artifact + "/share-links", tenant.key(), c.body());
            assertThat(response.status()).as(c.body()).isEqualTo(c.status());
            assertThat(response.contentType()).as(c.body()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(c.body()).endsWith("/" + c.type());
            assertThat(response.body()).as(c.body()).doesNotContain("sl_live_");
        }
        assertThat(items(api.get("/v1/artifacts/" + artifact + "/share-links", tenant.key())))
                .isEmpty();
    }

    @Test
    void garbageTokensAreNotFound() {
        for (String token : List.of("abc", "sl_live_short", "sl_live_" + "x".repeat(33), "ak_live_" + "A".repeat(32))) {
            for (ApiResponse response : List.of(
                    api.get("/v1/shared/" + token, null),
                    api.get("/v1/shared/" + token + "/content", null),
                    api.post("/v1/shared/" + token + "/versions", null, "{\"content\":\"x\"}"))) {
                assertThat(response.status()).as(token).isEqualTo(404);
                assertThat(response.contentType()).as(token).startsWith("application/problem+json");
                assertThat(response.json().get("type").asText()).as(token).endsWith("/share-link-not-found");
            }
        }
    }

    @Test
    void givenLinksCreatedUsedAndRevoked_thenNoRawTokenIsStoredLoggedOrEchoed() throws Exception {
        LoggerFactory.getLogger("dev.artifacta.sharing").debug("capture check");
        Tenant tenant = proTenant("secrets");
        String artifact = createArtifact(tenant.key(), "Guarded", "v1", true);
        String viewer =
                createLink(tenant.key(), artifact, "viewer", null).get("token").asText();
        JsonNode editorLink = createLink(tenant.key(), artifact, "editor", null);
        String editor = editorLink.get("token").asText();
        api.get("/v1/shared/" + viewer, null);
        api.get("/v1/shared/" + viewer + "/content", null);
        api.post("/v1/shared/" + viewer + "/versions", null, "{\"content\":\"refused\"}");
        api.post("/v1/shared/" + editor + "/versions", null, "{\"content\":\"v2\"}");
        api.get("/v1/artifacts/" + artifact + "/share-links", tenant.key());
        api.get("/v1/audit-events", tenant.key());
        api.delete("/v1/share-links/" + editorLink.get("id").asText(), tenant.key());

        ApiResponse gone = api.get("/v1/shared/" + editor, null);

        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).doesNotContain(editor);
        assertThat(gone.json().get("instance").asText()).isEqualTo("/v1/shared/sl_live_[redacted]");
        ApiResponse goneContent = api.get("/v1/shared/" + editor + "/content", null);
        assertThat(goneContent.body()).doesNotContain(editor);
        assertThat(goneContent.json().get("instance").asText()).isEqualTo("/v1/shared/sl_live_[redacted]/content");
        Thread.sleep(2_500); // let the usage counters flush, so their tables are scanned too

        Tables tables = new Tables(dataSource);
        List<String> tokens = List.of(viewer, editor);
        for (String table : tables.allTables()) {
            String contents = tables.rows("SELECT * FROM " + table).toString();
            for (String token : tokens) {
                assertThat(contents).as("table " + table).doesNotContain(token);
            }
            assertThat(ANY_TOKEN.matcher(contents).find())
                    .as("token-shaped text in table " + table)
                    .isFalse();
        }
        for (String line : logs.lines()) {
            assertThat(ANY_TOKEN.matcher(line).find()).as("log line: " + line).isFalse();
        }
        assertThat(tables.allTables()).as("the scan sees the schema").contains("share_link_registry");
        assertThat(logs.lines())
                .as("the log capture sees our DEBUG lines")
                .anyMatch(line -> line.startsWith("capture check"));
        for (ApiResponse response : api.seen()) {
            var matcher = ANY_TOKEN.matcher(response.body());
            while (matcher.find()) {
                assertThat(response.status())
                        .as("a token in a response that did not create it: " + response)
                        .isEqualTo(201);
                assertThat(response.json().get("token").asText()).isEqualTo(matcher.group());
            }
        }
    }

    /** A well-formed token nobody issued answers exactly what the given (dead) token answers. */
    private void assertNoSuchLink(String token) {
        String unknown = "sl_live_" + "Q".repeat(32);
        List<Function<String, ApiResponse>> calls = List.of(
                t -> api.get("/v1/shared/" + t, null),
                t -> api.get("/v1/shared/" + t + "/content", null),
                t -> api.post("/v1/shared/" + t + "/versions", null, "{\"content\":\"late\"}"));
        for (Function<String, ApiResponse> call : calls) {
            ApiResponse dead = call.apply(token);
            ApiResponse never = call.apply(unknown);
            assertThat(dead.status()).as(dead.toString()).isEqualTo(404);
            assertThat(dead.contentType()).startsWith("application/problem+json");
            assertThat(dead.json().get("type").asText()).endsWith("/share-link-not-found");
            assertThat(dead.body()).doesNotContain(token);
            assertThat(never.status()).isEqualTo(404);
            assertThat(dead.json()).as("no hint that the link existed").isEqualTo(never.json());
        }
    }

    private Tenant proTenant(String prefix) {
        Tenant tenant = api.signUp(prefix);
        ApiResponse upgrade = api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        assertThat(upgrade.status()).isEqualTo(200);
        return tenant;
    }

    private String createArtifact(String key, String title, String content, boolean makePrivate) {
        ApiResponse created = api.post(
                "/v1/artifacts",
                key,
                "{\"title\":\"" + title + "\",\"content\":\"" + content + "\",\"private\":" + makePrivate + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private JsonNode createLink(String key, String artifact, String role, Instant expiresAt) {
        String body = expiresAt == null
                ? "{\"role\":\"" + role + "\"}"
                : "{\"role\":\"" + role + "\",\"expiresAt\":\"" + expiresAt + "\"}";
        ApiResponse created = api.post("/v1/artifacts/" + artifact + "/share-links", key, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private long headVersion(String key, String artifact) {
        ApiResponse read = api.get("/v1/artifacts/" + artifact, key);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json().get("version").asLong();
    }

    private Map<String, String> statuses(String key, String artifact) {
        return items(api.get("/v1/artifacts/" + artifact + "/share-links", key)).stream()
                .collect(Collectors.toMap(item -> item.get("id").asText(), item -> item.get("status")
                        .asText()));
    }

    private List<JsonNode> auditEntries(String key, String action) {
        return items(api.get("/v1/audit-events?action=" + action, key));
    }

    private JsonNode singleAuditEntry(String key, String action) {
        List<JsonNode> entries = auditEntries(key, action);
        assertThat(entries).as(action).hasSize(1);
        return entries.getFirst();
    }

    private static List<JsonNode> items(ApiResponse list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return new ArrayList<>(StreamSupport.stream(list.json().get("items").spliterator(), false)
                .toList());
    }
}
