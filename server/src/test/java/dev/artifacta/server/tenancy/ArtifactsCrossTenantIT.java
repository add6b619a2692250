package dev.artifacta.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant A's keys never reach tenant B's artifacts, versions, content, diffs, access settings,
 * share links or projects: every such call answers 404 (as if B's ids did not exist) and changes
 * nothing B can see. Both tenants are on Pro, so plan gating cannot hide a leak. B's artifacts
 * include a public-edit one: another tenant's key is not the public, and is refused too.
 */
@MicronautTest(transactional = false)
class ArtifactsCrossTenantIT extends ApiTest {

    private static final String SHARED_SLUG = "reports";
    private static final String B_ONLY_SLUG = "b-only";
    /** A slug only B has at first; one test lets A create its own project of that slug. */
    private static final String B_CLAIMABLE_SLUG = "b-claimable";

    /** One call, named for messages. */
    private record Call(String name, Supplier<ApiResponse> send) {}

    private Tenant a;
    private Tenant b;
    private String aAgentKey;
    private String aArtifact;
    private String aArtifactInSharedProject;
    private String bPrivate;
    private String bPublicEdit;
    private String bInBOnlyProject;
    private String bLinkId;
    private String bLinkToken;
    private String bProjectsBefore;

    @BeforeAll
    void twoProTenantsWithArtifactsProjectsAndLinks() {
        a = proTenant("artifacts-a");
        b = proTenant("artifacts-b");
        aAgentKey = api.createKey(
                        a.key(),
                        "{\"name\":\"bot\",\"scopes\":[\"artifacts:read\",\"artifacts:create\",\"artifacts:update\","
                                + "\"artifacts:delete\",\"artifacts:share\",\"artifacts:access:read\","
                                + "\"artifacts:access:write\"],\"identity\":{\"type\":\"agent\",\"name\":\"bot\"}}")
                .get("key")
                .asText();

        createProject(b.key(), SHARED_SLUG);
        createProject(b.key(), B_ONLY_SLUG);
        createProject(b.key(), B_CLAIMABLE_SLUG);
        createProject(a.key(), SHARED_SLUG);
        bPrivate = createArtifact(b.key(), "default", "B private", "b v1", true);
        appendVersion(b.key(), bPrivate, "b v2");
        bPublicEdit = createArtifact(b.key(), SHARED_SLUG, "B wiki", "wiki v1", false);
        assertThat(api.put(
                                "/v1/artifacts/" + bPublicEdit + "/access",
                                b.key(),
                                "{\"publicView\":true,\"publicEdit\":true,\"viewerEmails\":[\"bee@example.com\"]}")
                        .status())
                .isEqualTo(200);
        bInBOnlyProject = createArtifact(b.key(), B_ONLY_SLUG, "B only", "only", true);
        ApiResponse link = api.post("/v1/artifacts/" + bPrivate + "/share-links", b.key(), "{\"role\":\"editor\"}");
        assertThat(link.status()).isEqualTo(201);
        bLinkId = link.json().get("id").asText();
        bLinkToken = link.json().get("token").asText();

        aArtifact = createArtifact(a.key(), "default", "A doc", "a v1", false);
        appendVersion(a.key(), aArtifact, "a v2");
        aArtifactInSharedProject = createArtifact(a.key(), SHARED_SLUG, "A report", "a report", true);
        bProjectsBefore = api.get("/v1/projects", b.key()).body();
    }

    @Test
    void givenBsArtifacts_whenAsKeysCallEveryArtifactEndpoint_thenNotFound_andNothingChangesForB() {
        for (String key : List.of(a.key(), aAgentKey)) {
            for (String foreign : List.of(bPrivate, bPublicEdit, bInBOnlyProject)) {
                for (Call call : artifactCalls(foreign, key)) {
                    ApiResponse response = call.send().get();
                    assertThat(response.status())
                            .as(call.name() + " on " + foreign + ": " + response)
                            .isEqualTo(404);
                    assertThat(response.contentType()).as(call.name()).startsWith("application/problem+json");
                    assertThat(response.json().get("type").asText())
                            .as(call.name())
                            .endsWith("/artifact-not-found");
                    assertLeaksNothingOfB(response);
                }
            }
        }

        assertBUnchanged();
    }

    @Test
    void givenBsShareLink_whenAsKeysRevokeIt_thenNotFound_andTheLinkStillWorks() {
        for (String key : List.of(a.key(), aAgentKey)) {
            ApiResponse revoke = api.delete("/v1/share-links/" + bLinkId, key);

            assertThat(revoke.status()).as(revoke.toString()).isEqualTo(404);
            assertThat(revoke.contentType()).startsWith("application/problem+json");
            assertThat(revoke.json().get("type").asText()).endsWith("/share-link-not-found");
            assertLeaksNothingOfB(revoke);
        }
        ApiResponse ownLinkOfUnknownId = api.delete("/v1/share-links/00000000-0000-0000-0000-000000000000", a.key());
        assertThat(ownLinkOfUnknownId.status()).isEqualTo(404);
        assertThat(api.delete("/v1/share-links/" + bLinkId, a.key()).json().get("type"))
                .as("B's link answers exactly like a link that never existed")
                .isEqualTo(ownLinkOfUnknownId.json().get("type"));

        assertBUnchanged();
    }

    @Test
    void asArtifactListNeverShowsBsArtifacts_evenWithACursorMadeFromBsIds() {
        List<String> bIds = List.of(bPrivate, bPublicEdit, bInBOnlyProject);

        List<String> defaultProject = allPages("/v1/artifacts?project=default", a.key());
        List<String> sharedProject = allPages("/v1/artifacts?project=" + SHARED_SLUG, a.key());

        assertThat(defaultProject).contains(aArtifact).doesNotContainAnyElementsOf(bIds);
        assertThat(sharedProject).containsExactly(aArtifactInSharedProject);
        for (String bId : bIds) {
            String cursor = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(("h1:" + bId).getBytes(StandardCharsets.UTF_8));
            ApiResponse page = api.get("/v1/artifacts?project=default&cursor=" + cursor, a.key());
            assertThat(page.status()).isEqualTo(200);
            assertThat(ids(page)).doesNotContainAnyElementsOf(bIds);
        }
        ApiResponse bOnly = api.get("/v1/artifacts?project=" + B_ONLY_SLUG, a.key());
        assertThat(bOnly.status()).isEqualTo(404);
        assertThat(bOnly.json().get("type").asText()).endsWith("/project-not-found");
        assertLeaksNothingOfB(bOnly);
        assertThat(allPages("/v1/artifacts?project=" + SHARED_SLUG, b.key())).containsExactly(bPublicEdit);
    }

    @Test
    void asProjectsAreAsOwn_andAUsingBsProjectSlugTouchesNothingOfB() {
        List<String> aSlugs = items(api.get("/v1/projects", a.key())).stream()
                .map(p -> p.get("slug").asText())
                .toList();
        List<String> bProjectIds = items(api.get("/v1/projects", b.key())).stream()
                .map(p -> p.get("id").asText())
                .toList();
        assertThat(aSlugs).containsExactlyInAnyOrder("default", SHARED_SLUG);
        assertThat(api.get("/v1/projects", a.key()).body())
                .doesNotContain(B_ONLY_SLUG)
                .doesNotContain(B_CLAIMABLE_SLUG);
        for (String bProjectId : bProjectIds) {
            assertThat(api.get("/v1/projects", a.key()).body()).doesNotContain(bProjectId);
        }

        ApiResponse intoBsProject = api.post(
                "/v1/artifacts",
                a.key(),
                "{\"project\":\"" + B_CLAIMABLE_SLUG + "\",\"title\":\"Sneaky\",\"content\":\"x\"}");
        assertThat(intoBsProject.status()).isEqualTo(404);
        assertThat(intoBsProject.json().get("type").asText()).endsWith("/project-not-found");
        assertThat(allPages("/v1/artifacts?project=" + B_CLAIMABLE_SLUG, b.key()))
                .isEmpty();

        ApiResponse sameSlug =
                api.post("/v1/projects", a.key(), "{\"slug\":\"" + B_CLAIMABLE_SLUG + "\",\"name\":\"Mine\"}");
        assertThat(sameSlug.status()).as("slugs are unique per tenant only").isEqualTo(201);
        assertThat(bProjectIds).doesNotContain(sameSlug.json().get("id").asText());
        ApiResponse intoOwnProject = api.post(
                "/v1/artifacts",
                a.key(),
                "{\"project\":\"" + B_CLAIMABLE_SLUG + "\",\"title\":\"Mine\",\"content\":\"x\"}");
        assertThat(intoOwnProject.status()).isEqualTo(201);
        assertThat(allPages("/v1/artifacts?project=" + B_CLAIMABLE_SLUG, a.key()))
                .containsExactly(intoOwnProject.json().get("id").asText());

        assertBUnchanged();
    }

    /** Every artifact endpoint, on one artifact, with one key. */
    private List<Call> artifactCalls(String id, String key) {
        String p = "/v1/artifacts/" + id;
        return List.of(
                new Call("read", () -> api.get(p, key)),
                new Call("versions", () -> api.get(p + "/versions", key)),
                new Call("content", () -> api.get(p + "/content", key)),
                new Call("content of version 1", () -> api.get(p + "/content?version=1", key)),
                new Call("diff", () -> api.get(p + "/diff?from=1&to=1", key)),
                new Call("append", () -> api.post(p + "/versions", key, "{\"content\":\"from A\"}")),
                new Call("restore", () -> api.post(p + "/restore", key, "{\"version\":1}")),
                new Call("read access", () -> api.get(p + "/access", key)),
                new Call(
                        "update access",
                        () -> api.put(p + "/access", key, "{\"publicView\":false,\"publicEdit\":false}")),
                new Call("create link", () -> api.post(p + "/share-links", key, "{\"role\":\"editor\"}")),
                new Call("list links", () -> api.get(p + "/share-links", key)),
                new Call("delete", () -> api.delete(p, key)));
    }

    /** B sees exactly what it set up: same versions, content, access, link, projects and audit. */
    private void assertBUnchanged() {
        ApiResponse privateHead = api.get("/v1/artifacts/" + bPrivate, b.key());
        assertThat(privateHead.status()).isEqualTo(200);
        assertThat(privateHead.header("ETag")).isEqualTo("\"2\"");
        assertThat(privateHead.json().get("publicView").asBoolean()).isFalse();
        assertThat(items(api.get("/v1/artifacts/" + bPrivate + "/versions", b.key())))
                .hasSize(2);
        assertThat(api.get("/v1/artifacts/" + bPrivate + "/content", b.key()).body())
                .isEqualTo("b v2");

        ApiResponse wiki = api.get("/v1/artifacts/" + bPublicEdit, b.key());
        assertThat(wiki.json().get("version").asLong()).isEqualTo(1);
        JsonNode wikiAccess =
                api.get("/v1/artifacts/" + bPublicEdit + "/access", b.key()).json();
        assertThat(wikiAccess.get("publicView").asBoolean()).isTrue();
        assertThat(wikiAccess.get("publicEdit").asBoolean()).isTrue();
        assertThat(wikiAccess.get("viewerEmails")).extracting(JsonNode::asText).containsExactly("bee@example.com");
        assertThat(api.get("/v1/artifacts/" + bInBOnlyProject, b.key()).status())
                .isEqualTo(200);

        List<JsonNode> links = items(api.get("/v1/artifacts/" + bPrivate + "/share-links", b.key()));
        assertThat(links).singleElement().satisfies(link -> {
            assertThat(link.get("id").asText()).isEqualTo(bLinkId);
            assertThat(link.get("status").asText()).isEqualTo("active");
        });
        for (String bArtifact : List.of(bPublicEdit, bInBOnlyProject)) {
            assertThat(items(api.get("/v1/artifacts/" + bArtifact + "/share-links", b.key())))
                    .isEmpty();
        }
        assertThat(api.get("/v1/shared/" + bLinkToken, null).status()).isEqualTo(200);
        assertThat(api.get("/v1/shared/" + bLinkToken + "/content", null).body())
                .isEqualTo("b v2");

        assertThat(api.get("/v1/projects", b.key()).body()).isEqualTo(bProjectsBefore);
        List<JsonNode> audit = items(api.get("/v1/audit-events?limit=200", b.key()));
        assertThat(audit)
                .extracting(entry -> entry.get("action").asText())
                .containsExactlyInAnyOrder(
                        "tenant.created",
                        "api_key.created",
                        "tenant.plan_changed",
                        "project.created", // default
                        "project.created",
                        "project.created",
                        "project.created",
                        "artifact.created",
                        "artifact.version_appended",
                        "artifact.created",
                        "artifact.access_updated",
                        "artifact.created",
                        "share_link.created");
    }

    private void assertLeaksNothingOfB(ApiResponse response) {
        assertThat(response.body())
                .doesNotContain(b.id())
                .doesNotContain(b.name())
                .doesNotContain("B private")
                .doesNotContain("B wiki")
                .doesNotContain("bee@example.com");
    }

    private List<String> allPages(String path, String key) {
        var all = new ArrayList<String>();
        String cursor = null;
        do {
            ApiResponse page = api.get(path + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            all.addAll(ids(page));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return all;
    }

    private Tenant proTenant(String prefix) {
        Tenant tenant = api.signUp(prefix);
        ApiResponse upgrade = api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        assertThat(upgrade.status()).isEqualTo(200);
        return tenant;
    }

    private void createProject(String key, String slug) {
        ApiResponse created = api.post("/v1/projects", key, "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private String createArtifact(String key, String project, String title, String content, boolean makePrivate) {
        ApiResponse created = api.post(
                "/v1/artifacts",
                key,
                "{\"project\":\"" + project + "\",\"title\":\"" + title + "\",\"content\":\"" + content
                        + "\",\"private\":" + makePrivate + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void appendVersion(String key, String artifact, String content) {
        ApiResponse appended =
                api.post("/v1/artifacts/" + artifact + "/versions", key, "{\"content\":\"" + content + "\"}");
        assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
    }

    private static List<String> ids(ApiResponse page) {
        return items(page).stream().map(item -> item.get("id").asText()).toList();
    }

    private static List<JsonNode> items(ApiResponse list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .toList();
    }
}
