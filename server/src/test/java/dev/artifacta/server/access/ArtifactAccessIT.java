package dev.artifacta.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The access model over HTTP: a key's scopes, its identity's role, the tenant's plan and an
 * artifact's public switches decide every artifact endpoint, and a refusal writes nothing.
 */
@MicronautTest(transactional = false)
class ArtifactAccessIT extends ApiTest {

    private static final String ALL_ARTIFACT_SCOPES = "[\"artifacts:read\",\"artifacts:create\",\"artifacts:update\","
            + "\"artifacts:delete\",\"artifacts:share\",\"artifacts:access:read\",\"artifacts:access:write\"]";

    /** The scope each call of {@link #calls} needs (seed 003's scope table). */
    private static final Map<String, String> NEEDED_SCOPE = Map.ofEntries(
            Map.entry("read", "artifacts:read"),
            Map.entry("versions", "artifacts:read"),
            Map.entry("content", "artifacts:read"),
            Map.entry("diff", "artifacts:read"),
            Map.entry("list", "artifacts:read"),
            Map.entry("projects", "artifacts:read"),
            Map.entry("create artifact", "artifacts:create"),
            Map.entry("create project", "artifacts:create"),
            Map.entry("append", "artifacts:update"),
            Map.entry("restore", "artifacts:update"),
            Map.entry("delete", "artifacts:delete"),
            Map.entry("create link", "artifacts:share"),
            Map.entry("list links", "artifacts:share"),
            Map.entry("revoke link", "artifacts:share"),
            Map.entry("read access", "artifacts:access:read"),
            Map.entry("update access", "artifacts:access:write"));

    /** One call to an endpoint, named for messages. */
    private record Call(String name, Supplier<ApiResponse> send) {}

    // --- Scopes ---

    @Test
    void givenKeyWithOnlyArtifactsRead_whenItWritesOrManages_thenForbiddenNamingTheMissingScope() {
        Tenant tenant = proTenant("reader");
        String artifact = createArtifact(tenant.key(), "Report", "v1", false);
        appendVersion(tenant.key(), artifact, "v2");
        String link = createLink(tenant.key(), artifact, "viewer").get("id").asText();
        String reader = key(tenant, "reader", "[\"artifacts:read\"]", null);

        for (Call call : calls("/v1/artifacts/" + artifact, link, reader)) {
            String scope = NEEDED_SCOPE.get(call.name());
            if (scope.equals("artifacts:read")) {
                ApiResponse read = call.send().get();
                assertThat(read.status()).as(call.name() + ": " + read).isEqualTo(200);
            } else {
                assertMissingScope(call, scope);
            }
        }

        assertUnchanged(tenant, artifact, 2, true, false);
        assertThat(linkStatus(tenant.key(), artifact, link)).isEqualTo("active");
        assertThat(artifactIds(tenant.key())).containsExactly(artifact);
        assertThat(items(api.get("/v1/projects", tenant.key()))).hasSize(1);
    }

    @Test
    void givenKeyLackingOneScope_whenEveryArtifactEndpointNeedingItIsCalled_thenForbiddenNamingThatScope() {
        Tenant tenant = proTenant("one-missing");
        String artifact = createArtifact(tenant.key(), "Everything", "v1", true);
        appendVersion(tenant.key(), artifact, "v2");
        String link = createLink(tenant.key(), artifact, "viewer").get("id").asText();
        assertThat(calls("/v1/artifacts/" + artifact, link, tenant.key()))
                .extracting(Call::name)
                .as("every endpoint has its scope in the table")
                .containsExactlyInAnyOrderElementsOf(NEEDED_SCOPE.keySet());
        List<String> scopes = NEEDED_SCOPE.values().stream().distinct().sorted().toList();
        assertThat(scopes).hasSize(7);

        for (String scope : scopes) {
            String key = key(tenant, "without-" + scope.replace(':', '-'), allArtifactScopesBut(scope), null);
            List<Call> needingIt = calls("/v1/artifacts/" + artifact, link, key).stream()
                    .filter(call -> NEEDED_SCOPE.get(call.name()).equals(scope))
                    .toList();
            assertThat(needingIt).as(scope).isNotEmpty();
            needingIt.forEach(call -> assertMissingScope(call, scope));
        }

        assertUnchanged(tenant, artifact, 2, false, false);
        assertThat(linkStatus(tenant.key(), artifact, link)).isEqualTo("active");
        assertThat(artifactIds(tenant.key())).containsExactly(artifact);
        assertThat(items(api.get("/v1/projects", tenant.key()))).hasSize(1);
    }

    // --- Roles ---

    @Test
    void givenAgentKeyWithEveryScope_thenItEditsAsAnEditor_butCannotDeleteManageAccessOrShare() {
        Tenant tenant = proTenant("agent");
        String artifact = createArtifact(tenant.key(), "Agent work", "v1", false);
        String link = createLink(tenant.key(), artifact, "viewer").get("id").asText();
        String linkToken =
                createLink(tenant.key(), artifact, "viewer").get("token").asText();
        String agent = key(tenant, "bot", ALL_ARTIFACT_SCOPES, "{\"type\":\"agent\",\"name\":\"release-bot\"}");

        ApiResponse append = api.post("/v1/artifacts/" + artifact + "/versions", agent, "{\"content\":\"v2\"}");
        assertThat(append.status()).as(append.toString()).isEqualTo(201);
        ApiResponse restore = api.post("/v1/artifacts/" + artifact + "/restore", agent, "{\"version\":1}");
        assertThat(restore.status()).as(restore.toString()).isEqualTo(201);
        assertThat(api.get("/v1/artifacts/" + artifact, agent).status()).isEqualTo(200);
        ApiResponse created = api.post("/v1/artifacts", agent, "{\"title\":\"By the bot\",\"content\":\"x\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        for (Call call : List.of(
                call("delete", () -> api.delete("/v1/artifacts/" + artifact, agent)),
                call("read access", () -> api.get("/v1/artifacts/" + artifact + "/access", agent)),
                call(
                        "update access",
                        () -> api.put(
                                "/v1/artifacts/" + artifact + "/access",
                                agent,
                                "{\"publicView\":false,\"publicEdit\":false}")),
                call(
                        "create link",
                        () -> api.post("/v1/artifacts/" + artifact + "/share-links", agent, "{\"role\":\"editor\"}")),
                call("list links", () -> api.get("/v1/artifacts/" + artifact + "/share-links", agent)),
                call("revoke link", () -> api.delete("/v1/share-links/" + link, agent)))) {
            ApiResponse response = call.send().get();
            assertThat(response.status()).as(call.name() + ": " + response).isEqualTo(403);
            assertThat(response.contentType()).as(call.name()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(call.name()).endsWith("/insufficient-role");
            assertThat(response.json().get("requiredRole").asText())
                    .as(call.name())
                    .isEqualTo("admin");
            assertThat(response.json().get("role").asText()).as(call.name()).isEqualTo("editor");
        }

        assertUnchanged(tenant, artifact, 3, true, false);
        assertThat(linkStatus(tenant.key(), artifact, link)).isEqualTo("active");
        assertThat(api.get("/v1/shared/" + linkToken, null).status()).isEqualTo(200);
        assertThat(items(api.get("/v1/artifacts/" + artifact + "/share-links", tenant.key())))
                .hasSize(2);
        JsonNode appended =
                auditEntries(tenant.key(), "artifact.version_appended").getFirst();
        assertThat(appended.at("/actor/identity/type").asText()).isEqualTo("agent");
        assertThat(appended.at("/actor/identity/name").asText()).isEqualTo("release-bot");
    }

    // --- Plans ---

    @Test
    void givenFreePlan_whenGatedSettingsAreAsked_thenForbiddenNamingPro_andNothingIsWritten_andOnProTheySucceed() {
        Tenant tenant = api.signUp("plans");
        String artifact = createArtifact(tenant.key(), "Free doc", "v1", false);
        String a = "/v1/artifacts/" + artifact;
        List<Call> gated = List.of(
                call(
                        "private artifact",
                        () -> api.post(
                                "/v1/artifacts",
                                tenant.key(),
                                "{\"title\":\"Hidden\",\"content\":\"x\",\"private\":true}")),
                call(
                        "make private",
                        () -> api.put(a + "/access", tenant.key(), "{\"publicView\":false,\"publicEdit\":false}")),
                call(
                        "public edit",
                        () -> api.put(a + "/access", tenant.key(), "{\"publicView\":true,\"publicEdit\":true}")),
                call(
                        "viewer emails",
                        () -> api.put(
                                a + "/access",
                                tenant.key(),
                                "{\"publicView\":true,\"publicEdit\":false,\"viewerEmails\":[\"amy@example.com\"]}")),
                call("share link", () -> api.post(a + "/share-links", tenant.key(), "{\"role\":\"viewer\"}")));

        for (Call call : gated) {
            ApiResponse refused = call.send().get();
            assertThat(refused.status()).as(call.name() + ": " + refused).isEqualTo(403);
            assertThat(refused.contentType()).as(call.name()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText()).as(call.name()).endsWith("/plan-upgrade-required");
            assertThat(refused.json().get("requiredPlan").asText())
                    .as(call.name())
                    .isEqualTo("pro");
            assertThat(refused.json().get("plan").asText()).as(call.name()).isEqualTo("free");
            assertThat(refused.json().get("detail").asText()).as(call.name()).contains("pro");
        }
        assertThat(artifactIds(tenant.key())).containsExactly(artifact);
        assertUnchanged(tenant, artifact, 1, true, false);
        assertThat(items(api.get(a + "/share-links", tenant.key()))).isEmpty();
        for (String action : List.of("artifact.access_updated", "share_link.created")) {
            assertThat(auditEntries(tenant.key(), action)).as(action).isEmpty();
        }
        assertThat(auditEntries(tenant.key(), "artifact.created")).hasSize(1);
        assertThat(api.get(a, null).status()).as("still public").isEqualTo(200);

        upgradeToPro(tenant);

        for (Call call : gated) {
            ApiResponse allowed = call.send().get();
            assertThat(allowed.status()).as(call.name() + ": " + allowed).isIn(200, 201);
        }
        assertThat(artifactIds(tenant.key())).hasSize(2);
        assertThat(items(api.get(a + "/share-links", tenant.key()))).hasSize(1);
        assertThat(api.get(a + "/access", tenant.key()).json().get("viewerEmails"))
                .extracting(JsonNode::asText)
                .containsExactly("amy@example.com");
    }

    @Test
    void givenProPlan_whenPrivateArtifactIsCreated_thenItIsHiddenFromThePublic() {
        Tenant tenant = proTenant("private");

        ApiResponse created = api.post(
                "/v1/artifacts", tenant.key(), "{\"title\":\"Secret\",\"content\":\"classified\",\"private\":true}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("publicView").asBoolean()).isFalse();
        String artifact = created.json().get("id").asText();
        assertThat(api.get("/v1/artifacts/" + artifact, null).status()).isEqualTo(404);
        assertThat(api.get("/v1/artifacts/" + artifact, tenant.key()).status()).isEqualTo(200);
        JsonNode access =
                api.get("/v1/artifacts/" + artifact + "/access", tenant.key()).json();
        assertThat(access.get("publicView").asBoolean()).isFalse();
        assertThat(access.get("publicEdit").asBoolean()).isFalse();
    }

    // --- Access settings ---

    @Test
    void givenNewArtifact_whenAccessIsReadAndUpdated_thenTheSettingsRoundTrip() {
        Tenant tenant = proTenant("access");
        String artifact = createArtifact(tenant.key(), "Settings", "v1", false);
        String path = "/v1/artifacts/" + artifact + "/access";
        JsonNode initial = api.get(path, tenant.key()).json();
        assertThat(initial.get("publicView").asBoolean()).isTrue();
        assertThat(initial.get("publicEdit").asBoolean()).isFalse();
        assertThat(initial.get("viewerEmails")).isEmpty();

        ApiResponse updated = api.put(
                path,
                tenant.key(),
                "{\"publicView\":false,\"publicEdit\":false,\"viewerEmails\":[\"Carol@Example.COM\",\"dave@example.com\"]}");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(emails(updated.json())).containsExactly("carol@example.com", "dave@example.com");
        JsonNode read = api.get(path, tenant.key()).json();
        assertThat(read.get("publicView").asBoolean()).isFalse();
        assertThat(read.get("publicEdit").asBoolean()).isFalse();
        assertThat(emails(read)).containsExactly("carol@example.com", "dave@example.com");
        assertThat(api.get("/v1/artifacts/" + artifact, tenant.key())
                        .json()
                        .get("publicView")
                        .asBoolean())
                .isFalse();
        assertThat(api.get("/v1/artifacts/" + artifact, null).status()).isEqualTo(404);
        JsonNode audit = auditEntries(tenant.key(), "artifact.access_updated").getFirst();
        assertThat(audit.at("/resource/id").asText()).isEqualTo(artifact);
        assertThat(audit.at("/details/publicView").asBoolean()).isFalse();

        ApiResponse reopened =
                api.put(path, tenant.key(), "{\"publicView\":true,\"publicEdit\":true,\"viewerEmails\":[]}");

        assertThat(reopened.status()).isEqualTo(200);
        JsonNode again = api.get(path, tenant.key()).json();
        assertThat(again.get("publicView").asBoolean()).isTrue();
        assertThat(again.get("publicEdit").asBoolean()).isTrue();
        assertThat(again.get("viewerEmails")).isEmpty();
        assertThat(auditEntries(tenant.key(), "artifact.access_updated")).hasSize(2);
    }

    @Test
    void givenMixedCaseViewerEmails_whenAccessIsUpdated_thenTheyAreStoredLowercasedAndSorted() {
        Tenant tenant = proTenant("emails");
        String artifact = createArtifact(tenant.key(), "Emails", "v1", false);
        String path = "/v1/artifacts/" + artifact + "/access";

        ApiResponse updated = api.put(
                path,
                tenant.key(),
                "{\"publicView\":false,\"publicEdit\":false,"
                        + "\"viewerEmails\":[\"Zed@Example.com\",\"bob@example.com\",\"AMY@example.com\"]}");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(emails(updated.json())).containsExactly("amy@example.com", "bob@example.com", "zed@example.com");
        assertThat(emails(api.get(path, tenant.key()).json()))
                .containsExactly("amy@example.com", "bob@example.com", "zed@example.com");
    }

    @Test
    void givenTheSameViewerEmailInTwoCases_whenAccessIsUpdated_thenItIsStoredOnce() {
        Tenant tenant = proTenant("email-dupes");
        String artifact = createArtifact(tenant.key(), "Dupes", "v1", false);
        String path = "/v1/artifacts/" + artifact + "/access";

        ApiResponse updated = api.put(
                path,
                tenant.key(),
                "{\"publicView\":false,\"publicEdit\":false,\"viewerEmails\":[\"amy@example.com\",\"Amy@Example.com\"]}");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(emails(api.get(path, tenant.key()).json())).containsExactly("amy@example.com");
    }

    @Test
    void invalidAccessSettingsAreRejected_andChangeNothing() {
        Tenant tenant = proTenant("bad-access");
        String artifact = createArtifact(tenant.key(), "Strict", "v1", false);
        String path = "/v1/artifacts/" + artifact + "/access";
        record Case(String body, int status, String type) {}

        for (Case c : List.of(
                new Case("{\"publicView\":false,\"publicEdit\":true}", 422, "invalid-access"),
                new Case(
                        "{\"publicView\":true,\"publicEdit\":false,\"viewerEmails\":[\"not-an-email\"]}",
                        422,
                        "invalid-access"),
                new Case("{\"publicView\":true}", 422, "invalid-request"),
                new Case("{\"publicView\":null,\"publicEdit\":false}", 422, "invalid-request"),
                new Case(
                        "{\"publicView\":true,\"publicEdit\":false,\"viewerEmails\":\"a@b.io\"}",
                        400,
                        "malformed-request"))) {
            ApiResponse response = api.put(path, tenant.key(), c.body());
            assertThat(response.status()).as(c.body() + " -> " + response).isEqualTo(c.status());
            assertThat(response.contentType()).as(c.body()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(c.body()).endsWith("/" + c.type());
        }
        assertUnchanged(tenant, artifact, 1, true, false);
        assertThat(auditEntries(tenant.key(), "artifact.access_updated")).isEmpty();
    }

    @Test
    void givenSwitchThatIsNotABoolean_whenAccessIsUpdated_thenBadRequest_andTheArtifactStaysPublic() {
        Tenant tenant = proTenant("not-boolean");
        String artifact = createArtifact(tenant.key(), "Typed", "v1", false);
        String path = "/v1/artifacts/" + artifact + "/access";

        // Each body is sent to a still-public artifact, so each answer is judged on its own.
        Map<String, String> answers = new LinkedHashMap<>();
        for (String body : List.of(
                "{\"publicView\":\"yes\",\"publicEdit\":false}",
                "{\"publicView\":\"no\",\"publicEdit\":false}",
                "{\"publicView\":\"true\",\"publicEdit\":false}",
                "{\"publicView\":1,\"publicEdit\":false}",
                "{\"publicView\":[false],\"publicEdit\":false}",
                "{\"publicView\":{},\"publicEdit\":false}")) {
            ApiResponse response = api.put(path, tenant.key(), body);
            answers.put(body, response.toString());
            api.put(path, tenant.key(), "{\"publicView\":true,\"publicEdit\":false}");
        }

        assertThat(answers)
                .as("every non-boolean switch is refused as malformed")
                .allSatisfy(
                        (body, answer) -> assertThat(answer).startsWith("400 ").contains("/malformed-request"));
        assertThat(auditEntries(tenant.key(), "artifact.access_updated"))
                .as("no access change to private was recorded")
                .allSatisfy(entry ->
                        assertThat(entry.at("/details/publicView").asBoolean()).isTrue());
        assertUnchanged(tenant, artifact, 1, true, false);
        assertThat(api.get("/v1/artifacts/" + artifact, null).status()).isEqualTo(200);
    }

    @Test
    void givenPrivateFlagThatIsNotABoolean_whenCreating_thenBadRequest_andNothingIsCreated() {
        Tenant tenant = proTenant("private-flag");

        Map<String, String> answers = new LinkedHashMap<>();
        for (String flag : List.of("\"yes\"", "\"true\"", "1", "[true]")) {
            String body = "{\"title\":\"Flagged\",\"content\":\"x\",\"private\":" + flag + "}";
            answers.put(flag, api.post("/v1/artifacts", tenant.key(), body).toString());
        }

        assertThat(answers)
                .as("a private flag that is not a boolean is refused, never read as public")
                .allSatisfy(
                        (flag, answer) -> assertThat(answer).startsWith("400 ").contains("/malformed-request"));
        assertThat(artifactIds(tenant.key())).isEmpty();
    }

    // --- The public ---

    @Test
    void givenPublicArtifact_whenReadWithoutAKey_thenMetadataVersionsContentAndDiffAreServed() {
        Tenant tenant = api.signUp("public-read");
        String artifact = createArtifact(tenant.key(), "Open notes", "line one\\nline two", false);
        appendVersion(tenant.key(), artifact, "line one\\nline 2");
        String a = "/v1/artifacts/" + artifact;

        ApiResponse read = api.get(a, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").asText()).isEqualTo(artifact);
        assertThat(read.json().get("version").asLong()).isEqualTo(2);
        assertThat(read.header("ETag")).isEqualTo("\"2\"");

        ApiResponse versions = api.get(a + "/versions", null);
        assertThat(versions.status()).isEqualTo(200);
        assertThat(items(versions)).extracting(v -> v.get("version").asLong()).containsExactly(2L, 1L);

        ApiResponse content = api.get(a + "/content", null);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body()).isEqualTo("line one\nline 2");
        assertThat(api.get(a + "/content?version=1", null).body()).isEqualTo("line one\nline two");

        ApiResponse diff = api.get(a + "/diff?from=1&to=2", null);
        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.json().get("text").asBoolean()).isTrue();
        assertThat(diff.json().get("unified").asText()).contains("-line two").contains("+line 2");
    }

    @Test
    void givenPrivateArtifact_whenCalledWithoutAKey_thenNotFound_andNothingIsWritten() {
        Tenant tenant = proTenant("public-private");
        String artifact = createArtifact(tenant.key(), "Closed", "v1", true);
        appendVersion(tenant.key(), artifact, "v2");
        String a = "/v1/artifacts/" + artifact;

        for (ApiResponse response : List.of(
                api.get(a, null),
                api.get(a + "/versions", null),
                api.get(a + "/content", null),
                api.get(a + "/content?version=1", null),
                api.get(a + "/diff?from=1&to=2", null),
                api.post(a + "/versions", null, "{\"content\":\"anonymous\"}"),
                api.delete(a, null))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).endsWith("/artifact-not-found");
            assertThat(response.body()).doesNotContain("Closed");
        }
        assertUnchanged(tenant, artifact, 2, false, false);
    }

    @Test
    void givenViewOnlyPublicArtifact_whenTheAnonymousAppendOrDelete_thenRoleTooLow_andNothingIsWritten() {
        Tenant tenant = api.signUp("public-view");
        String artifact = createArtifact(tenant.key(), "Read only", "v1", false);
        String a = "/v1/artifacts/" + artifact;

        for (ApiResponse response :
                List.of(api.post(a + "/versions", null, "{\"content\":\"anonymous\"}"), api.delete(a, null))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.json().get("type").asText()).endsWith("/insufficient-role");
            assertThat(response.json().get("role").asText()).isEqualTo("viewer");
        }
        assertUnchanged(tenant, artifact, 1, true, false);
    }

    @Test
    void givenPublicEditArtifact_whenTheAnonymousAppend_thenCreated_andAuditedAsAnonymous() {
        Tenant tenant = proTenant("public-edit");
        String artifact = createArtifact(tenant.key(), "Wiki", "v1", false);
        String a = "/v1/artifacts/" + artifact;
        assertThat(api.put(a + "/access", tenant.key(), "{\"publicView\":true,\"publicEdit\":true}")
                        .status())
                .isEqualTo(200);

        ApiResponse append = api.post(a + "/versions", null, "{\"content\":\"v2 by anyone\"}");

        assertThat(append.status()).as(append.toString()).isEqualTo(201);
        assertThat(append.json().get("version").asLong()).isEqualTo(2);
        assertThat(append.json().get("createdBy").asText()).isEqualTo("Anonymous (public access)");
        assertThat(api.get(a + "/content", null).body()).isEqualTo("v2 by anyone");
        JsonNode entry = auditEntries(tenant.key(), "artifact.version_appended").getFirst();
        assertThat(entry.at("/resource/id").asText()).isEqualTo(artifact);
        assertThat(entry.at("/actor/displayName").asText()).isEqualTo("Anonymous (public access)");
        assertThat(entry.at("/actor/keyId").isNull()).isTrue();

        ApiResponse delete = api.delete(a, null);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(delete.json().get("type").asText()).endsWith("/insufficient-role");
        assertThat(delete.json().get("requiredRole").asText()).isEqualTo("admin");
        for (ApiResponse keyOnly : List.of(
                api.get(a + "/access", null),
                api.put(a + "/access", null, "{\"publicView\":false,\"publicEdit\":false}"),
                api.post(a + "/share-links", null, "{\"role\":\"editor\"}"),
                api.post(a + "/restore", null, "{\"version\":1}"))) {
            assertThat(keyOnly.status()).as(keyOnly.toString()).isEqualTo(401);
        }
        assertUnchanged(tenant, artifact, 2, true, true);
    }

    @Test
    void withoutAKey_creatingAndListingAreUnauthenticated() {
        Tenant tenant = api.signUp("anonymous-create");

        for (ApiResponse response : List.of(
                api.post("/v1/artifacts", null, "{\"title\":\"Nobody's\",\"content\":\"x\"}"),
                api.get("/v1/artifacts", null),
                api.get("/v1/projects", null),
                api.post("/v1/projects", null, "{\"slug\":\"anon\",\"name\":\"Anon\"}"))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(artifactIds(tenant.key())).isEmpty();
    }

    @Test
    void givenInvalidKey_whenAPublicArtifactIsRead_thenUnauthenticated_notServedAsPublic() {
        Tenant tenant = api.signUp("invalid-key");
        String artifact = createArtifact(tenant.key(), "Public", "v1", false);
        JsonNode revoked = api.createKey(tenant.key(), "{\"name\":\"gone\"}");
        api.delete("/v1/api-keys/" + revoked.get("id").asText(), tenant.key());
        String a = "/v1/artifacts/" + artifact;
        assertThat(api.get(a, null).status()).isEqualTo(200);

        for (String bad : List.of(
                "ak_live_nope", "ak_live_" + "Z".repeat(32), revoked.get("key").asText())) {
            for (ApiResponse response : List.of(
                    api.get(a, bad),
                    api.get(a + "/content", bad),
                    api.send(HttpRequest.GET(a + "/versions").header("X-API-Key", bad)))) {
                assertThat(response.status()).as(bad + ": " + response).isEqualTo(401);
                assertThat(response.body()).doesNotContain("Public");
            }
        }
        ApiResponse basic = api.send(HttpRequest.GET(a).header("Authorization", "Basic dXNlcjpwYXNz"));
        assertThat(basic.status()).isEqualTo(401);
    }

    private void assertMissingScope(Call call, String scope) {
        ApiResponse response = call.send().get();
        assertThat(response.status())
                .as(call.name() + " without " + scope + ": " + response)
                .isEqualTo(403);
        assertThat(response.contentType()).as(call.name()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).as(call.name()).endsWith("/insufficient-scope");
        assertThat(response.json().get("requiredScope").asText())
                .as(call.name())
                .isEqualTo(scope);
        assertThat(response.json().get("detail").asText()).as(call.name()).contains(scope);
    }

    /** Every artifact endpoint, called with one key. */
    private List<Call> calls(String a, String link, String key) {
        return List.of(
                call("read", () -> api.get(a, key)),
                call("versions", () -> api.get(a + "/versions", key)),
                call("content", () -> api.get(a + "/content", key)),
                call("diff", () -> api.get(a + "/diff?from=1&to=2", key)),
                call("list", () -> api.get("/v1/artifacts?project=default", key)),
                call("projects", () -> api.get("/v1/projects", key)),
                call("create artifact", () -> api.post("/v1/artifacts", key, "{\"title\":\"x\",\"content\":\"x\"}")),
                call("create project", () -> api.post("/v1/projects", key, "{\"slug\":\"p\",\"name\":\"P\"}")),
                call("append", () -> api.post(a + "/versions", key, "{\"content\":\"x\"}")),
                call("restore", () -> api.post(a + "/restore", key, "{\"version\":1}")),
                call("delete", () -> api.delete(a, key)),
                call("create link", () -> api.post(a + "/share-links", key, "{\"role\":\"editor\"}")),
                call("list links", () -> api.get(a + "/share-links", key)),
                call("revoke link", () -> api.delete("/v1/share-links/" + link, key)),
                call("read access", () -> api.get(a + "/access", key)),
                call("update access", () -> api.put(a + "/access", key, "{\"publicView\":true,\"publicEdit\":true}")));
    }

    /** The artifact is still there, at this head, with these switches, as its owner sees it. */
    private void assertUnchanged(Tenant tenant, String artifact, long version, boolean publicView, boolean publicEdit) {
        ApiResponse read = api.get("/v1/artifacts/" + artifact, tenant.key());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("version").asLong()).isEqualTo(version);
        assertThat(items(api.get("/v1/artifacts/" + artifact + "/versions", tenant.key())))
                .hasSize((int) version);
        JsonNode access =
                api.get("/v1/artifacts/" + artifact + "/access", tenant.key()).json();
        assertThat(access.get("publicView").asBoolean()).isEqualTo(publicView);
        assertThat(access.get("publicEdit").asBoolean()).isEqualTo(publicEdit);
        assertThat(access.get("viewerEmails")).isEmpty();
    }

    private static Call call(String name, Supplier<ApiResponse> send) {
        return new Call(name, send);
    }

    private static String allArtifactScopesBut(String scope) {
        return ALL_ARTIFACT_SCOPES.replace("\"" + scope + "\",", "").replace(",\"" + scope + "\"", "");
    }

    private Tenant proTenant(String prefix) {
        Tenant tenant = api.signUp(prefix);
        upgradeToPro(tenant);
        return tenant;
    }

    private void upgradeToPro(Tenant tenant) {
        ApiResponse upgrade = api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        assertThat(upgrade.status()).isEqualTo(200);
    }

    private String key(Tenant tenant, String name, String scopes, String identity) {
        String body = "{\"name\":\"" + name + "\",\"scopes\":" + scopes
                + (identity == null ? "" : ",\"identity\":" + identity) + "}";
        return api.createKey(tenant.key(), body).get("key").asText();
    }

    private String createArtifact(String key, String title, String content, boolean makePrivate) {
        ApiResponse created = api.post(
                "/v1/artifacts",
                key,
                "{\"title\":\"" + title + "\",\"content\":\"" + content + "\",\"private\":" + makePrivate + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void appendVersion(String key, String artifact, String content) {
        ApiResponse appended =
                api.post("/v1/artifacts/" + artifact + "/versions", key, "{\"content\":\"" + content + "\"}");
        assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
    }

    private JsonNode createLink(String key, String artifact, String role) {
        ApiResponse created =
                api.post("/v1/artifacts/" + artifact + "/share-links", key, "{\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String linkStatus(String key, String artifact, String linkId) {
        return items(api.get("/v1/artifacts/" + artifact + "/share-links", key)).stream()
                .filter(item -> item.get("id").asText().equals(linkId))
                .map(item -> item.get("status").asText())
                .findFirst()
                .orElseThrow();
    }

    private List<String> artifactIds(String key) {
        return items(api.get("/v1/artifacts?project=default&limit=200", key)).stream()
                .map(item -> item.get("id").asText())
                .toList();
    }

    private List<JsonNode> auditEntries(String key, String action) {
        return items(api.get("/v1/audit-events?action=" + action, key));
    }

    private static List<String> emails(JsonNode access) {
        return StreamSupport.stream(access.get("viewerEmails").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static List<JsonNode> items(ApiResponse list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .toList();
    }
}
