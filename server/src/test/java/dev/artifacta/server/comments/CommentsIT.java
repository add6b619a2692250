package dev.artifacta.server.comments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.events.UserIds;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Browser.Page;
import dev.artifacta.server.testing.IdentityProvider;
import dev.artifacta.server.testing.People;
import dev.artifacta.server.testing.People.Person;
import dev.artifacta.server.testing.Tables;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Comments and replies through the HTTP API: attributed to the person or the agent behind the call,
 * limits and bad text refused with nothing written, authors edit and delete their own, admins
 * moderate, lists newest first and paginated, the audit log keeps every text, and nothing of
 * another tenant's is reachable.
 */
@MicronautTest(transactional = false)
class CommentsIT extends ApiTest {

    private IdentityProvider provider;

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> extraProperties() {
        provider = new IdentityProvider();
        return provider.properties();
    }

    @AfterAll
    void stopProvider() {
        provider.close();
    }

    private String artifact(Tenant tenant, String json) {
        ApiResponse created = api.post("/v1/artifacts", tenant.key(), json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String artifact(Tenant tenant) {
        return artifact(tenant, "{\"title\":\"Design\",\"content\":\"v1\"}");
    }

    private String agentKey(Tenant tenant, String name, String role, String scopes) {
        ApiResponse agent =
                api.post("/v1/agents", tenant.key(), "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        return api.createKey(
                        tenant.key(),
                        "{\"name\":\"" + name + "-key\",\"scopes\":[" + scopes + "],\"identity\":{\"type\":\"agent\","
                                + "\"agentId\":\"" + agent.json().get("id").asText() + "\"}}")
                .get("key")
                .asText();
    }

    private static String comments(String artifactId) {
        return "/v1/artifacts/" + artifactId + "/comments";
    }

    private static String json(String body) {
        return "{\"body\":" + quoted(body) + "}";
    }

    private static String quoted(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long events() {
        return ((Number) new Tables(dataSource)
                        .rows("SELECT COUNT(*) AS n FROM domain_event_entry")
                        .getFirst()
                        .get("n"))
                .longValue();
    }

    @Test
    void givenAnOwnersKeyAndAnAgentsKey_whenTheyCommentAndReply_thenEachIsAttributedToItsIdentity() {
        Tenant tenant = api.signUp("comments");
        String id = artifact(tenant);
        String bot = agentKey(tenant, "review-bot", "viewer", "\"artifacts:read\",\"comments:write\"");

        ApiResponse posted = api.post(comments(id), tenant.key(), "{\"body\":\"Please add a summary.\",\"version\":1}");

        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        JsonNode comment = posted.json();
        String commentId = comment.get("id").asText();
        assertThat(posted.header("Location")).isEqualTo(comments(id) + "/" + commentId);
        assertThat(comment.get("body").asText()).isEqualTo("Please add a summary.");
        assertThat(comment.get("version").asLong()).isEqualTo(1);
        assertThat(comment.at("/author/type").asText()).isEqualTo("user");
        assertThat(comment.at("/author/id").asText()).isEqualTo(UserIds.of("owner@" + tenant.name() + ".example"));
        assertThat(comment.at("/author/name").asText()).isEqualTo("owner@" + tenant.name() + ".example");
        assertThat(comment.get("replies")).isEmpty();

        ApiResponse reply = api.post(comments(id) + "/" + commentId + "/replies", bot, json("Summary added."));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("parentId").asText()).isEqualTo(commentId);
        assertThat(reply.json().get("version").asLong()).isEqualTo(1);
        assertThat(reply.json().at("/author/type").asText()).isEqualTo("agent");
        assertThat(reply.json().at("/author/name").asText()).isEqualTo("review-bot");
        JsonNode read = api.get(comments(id) + "/" + commentId, bot).json();
        assertThat(read.get("replies")).hasSize(1);
        assertThat(read.at("/replies/0/body").asText()).isEqualTo("Summary added.");

        ApiResponse deeper =
                api.post(comments(id) + "/" + reply.json().get("id").asText() + "/replies", tenant.key(), json("And?"));
        assertThat(deeper.status()).isEqualTo(422);
        assertThat(deeper.json().get("type").asText()).endsWith("/reply-to-reply");
    }

    @Test
    void givenBadText_whenPosted_thenClearProblems_andNothingIsWritten() {
        Tenant tenant = api.signUp("comment-limits");
        String id = artifact(tenant);
        String parent = api.post(comments(id), tenant.key(), json("Parent"))
                .json()
                .get("id")
                .asText();

        assertThat(api.post(comments(id), tenant.key(), json("x".repeat(10_000)))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(comments(id) + "/" + parent + "/replies", tenant.key(), json("y".repeat(5_000)))
                        .status())
                .isEqualTo(201);
        long before = events();

        Map<String, ApiResponse> refused = Map.of(
                "comment-too-long", api.post(comments(id), tenant.key(), json("x".repeat(10_001))),
                "reply-too-long",
                        api.post(comments(id) + "/" + parent + "/replies", tenant.key(), json("y".repeat(5_001))),
                "nul", api.post(comments(id), tenant.key(), json("a\u0000b")),
                "whitespace", api.post(comments(id), tenant.key(), json(" \n\t ")),
                "missing body", api.post(comments(id), tenant.key(), "{\"version\":1}"),
                "no such version", api.post(comments(id), tenant.key(), "{\"body\":\"hi\",\"version\":2}"),
                "unknown parent",
                        api.post(comments(id) + "/" + UUID.randomUUID() + "/replies", tenant.key(), json("hi")));

        for (var entry : refused.entrySet()) {
            ApiResponse response = entry.getValue();
            assertThat(response.status())
                    .as(entry.getKey() + ": " + response.body())
                    .isBetween(400, 499);
            assertThat(response.contentType()).as(entry.getKey()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asText())
                    .as(entry.getKey())
                    .isNotBlank();
        }
        assertThat(refused.get("comment-too-long").json().get("type").asText()).endsWith("/comment-too-long");
        assertThat(refused.get("comment-too-long").json().get("detail").asText())
                .contains("10000");
        assertThat(refused.get("reply-too-long").json().get("detail").asText()).contains("5000");
        assertThat(refused.get("whitespace").json().get("type").asText()).endsWith("/invalid-comment-body");
        assertThat(refused.get("unknown parent").status()).isEqualTo(404);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void givenComments_whenOthersEditOrDelete_thenOnlyAuthorsEdit_andAuthorsOrAdminsDelete() {
        Tenant tenant = api.signUp("comment-authors");
        String id = artifact(tenant);
        String editor = agentKey(tenant, "editor-bot", "editor", "\"artifacts:read\",\"comments:write\"");
        String other = agentKey(tenant, "other-bot", "editor", "\"artifacts:read\",\"comments:write\"");
        String commentId =
                api.post(comments(id), editor, json("Frist")).json().get("id").asText();

        ApiResponse edited = api.patch(comments(id) + "/" + commentId, editor, json("First"));
        ApiResponse foreignEdit = api.patch(comments(id) + "/" + commentId, other, json("Mine now"));
        ApiResponse ownerEdit = api.patch(comments(id) + "/" + commentId, tenant.key(), json("Owner's"));
        ApiResponse foreignDelete = api.delete(comments(id) + "/" + commentId, other);

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("body").asText()).isEqualTo("First");
        assertThat(edited.json().get("editedAt").isNull()).isFalse();
        for (ApiResponse refused : List.of(foreignEdit, ownerEdit, foreignDelete)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().get("type").asText()).endsWith("/not-comment-author");
        }
        assertThat(api.get(comments(id) + "/" + commentId, other)
                        .json()
                        .get("body")
                        .asText())
                .isEqualTo("First");

        String second =
                api.post(comments(id), other, json("Spam")).json().get("id").asText();
        assertThat(api.delete(comments(id) + "/" + second, tenant.key()).status())
                .as("the owner moderates")
                .isEqualTo(204);
        assertThat(api.delete(comments(id) + "/" + commentId, editor).status()).isEqualTo(204);
        assertThat(api.get(comments(id) + "/" + commentId, editor).status()).isEqualTo(404);
        assertThat(api.patch(comments(id) + "/" + commentId, editor, json("Back"))
                        .status())
                .isEqualTo(404);
        assertThat(api.get(comments(id), editor).json().get("items")).isEmpty();

        JsonNode trail = api.get("/v1/audit-events?resourceType=comment&limit=50", tenant.key())
                .json()
                .get("items");
        List<String> seen = new ArrayList<>();
        trail.forEach(entry -> seen.add(
                entry.get("action").asText() + " " + entry.at("/details/body").asText("")));
        assertThat(seen)
                .contains("comment.posted Frist", "comment.edited First", "comment.posted Spam", "comment.deleted ");
        trail.forEach(entry -> {
            if (entry.get("action").asText().equals("comment.deleted")
                    && entry.at("/resource/id").asText().equals(second)) {
                assertThat(entry.at("/details/byAuthor").asBoolean()).isFalse();
                assertThat(entry.at("/actor/type").asText()).isEqualTo("api_key");
            }
        });
    }

    @Test
    void givenADeletedCommentWithReplies_whenListed_thenItStaysAsAPlaceholderAboveThem() {
        Tenant tenant = api.signUp("comment-thread");
        String id = artifact(tenant);
        String parent = api.post(comments(id), tenant.key(), json("Question"))
                .json()
                .get("id")
                .asText();
        api.post(comments(id) + "/" + parent + "/replies", tenant.key(), json("Answer"));

        assertThat(api.delete(comments(id) + "/" + parent, tenant.key()).status())
                .isEqualTo(204);

        JsonNode items = api.get(comments(id), tenant.key()).json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.at("/0/deleted").asBoolean()).isTrue();
        assertThat(items.at("/0/body").isNull()).isTrue();
        assertThat(items.at("/0/replies/0/body").asText()).isEqualTo("Answer");
        assertThat(api.post(comments(id) + "/" + parent + "/replies", tenant.key(), json("Late"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void givenManyComments_whenListed_thenNewestFirstInPages_andPerVersion() {
        Tenant tenant = api.signUp("comment-pages");
        String id = artifact(tenant);
        assertThat(api.post("/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"v2\"}")
                        .status())
                .isEqualTo(201);
        List<String> posted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String body = "{\"body\":\"c" + i + "\",\"version\":" + (i % 2 == 0 ? 2 : 1) + "}";
            posted.add(api.post(comments(id), tenant.key(), body)
                    .json()
                    .get("body")
                    .asText());
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get(
                            comments(id) + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), tenant.key())
                    .json();
            page.get("items").forEach(item -> seen.add(item.get("body").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("c5", "c4", "c3", "c2", "c1");
        JsonNode second =
                api.get(comments(id) + "?version=2", tenant.key()).json().get("items");
        assertThat(second).extracting(item -> item.get("body").asText()).containsExactly("c4", "c2");
        assertThat(api.get(comments(id) + "?cursor=bogus", tenant.key()).status())
                .isEqualTo(400);
        assertThat(api.get(comments(id) + "?limit=0", tenant.key()).status()).isEqualTo(400);
    }

    @Test
    void givenKeysWithoutTheScope_orNoIdentity_whenTheyComment_thenRefused_butMayRead() {
        Tenant tenant = api.signUp("comment-access");
        String id = artifact(tenant);
        String readOnly = api.createKey(tenant.key(), "{\"name\":\"reader\",\"scopes\":[\"artifacts:read\"]}")
                .get("key")
                .asText();
        api.post(comments(id), tenant.key(), json("Visible"));

        ApiResponse noScope = api.post(comments(id), readOnly, json("hi"));
        ApiResponse anonymous = api.post(comments(id), null, json("hi"));

        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.json().get("type").asText()).endsWith("/insufficient-scope");
        assertThat(anonymous.status())
                .as("the artifact is public: reading it, not speaking as no one")
                .isEqualTo(401);
        assertThat(anonymous.json().get("type").asText()).endsWith("/identity-required");
        assertThat(api.get(comments(id), null).json().get("items")).hasSize(1);
        assertThat(api.get(comments(id), readOnly).json().get("items")).hasSize(1);
    }

    @Test
    void givenAnAllowlistedPersonOfAnotherWorkspace_whenTheyCommentThroughTheirSession_thenAttributedToThem() {
        Tenant owner = api.signUp("comment-allow");
        assertThat(api.put("/admin/v1/tenants/" + owner.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        String id = artifact(owner, "{\"title\":\"Plan\",\"content\":\"secret\",\"private\":true}");
        String email = "rae-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        api.put(
                "/v1/artifacts/" + id + "/access",
                owner.key(),
                "{\"publicView\":false,\"publicEdit\":false,\"viewerEmails\":[\"" + email + "\"]}");
        Person reviewer = new People(provider, server.getURL().toString()).signIn(email, "Rae Reviewer");

        Page withoutCsrf = reviewer.browser().send("POST", comments(id), json("hi"));
        Page posted = reviewer.send("POST", comments(id), json("Looks right to me."));

        assertThat(withoutCsrf.status()).isEqualTo(403);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().at("/author/type").asText()).isEqualTo("user");
        assertThat(posted.json().at("/author/id").asText()).isEqualTo(UserIds.of(email));
        assertThat(posted.json().at("/author/name").asText()).isEqualTo("Rae Reviewer");
        JsonNode entry = api.get("/v1/audit-events?action=comment.posted", owner.key())
                .json()
                .at("/items/0");
        assertThat(entry.at("/actor/type").asText()).isEqualTo("user");
        assertThat(entry.at("/actor/displayName").asText()).isEqualTo("Rae Reviewer");
        assertThat(entry.at("/details/body").asText()).isEqualTo("Looks right to me.");
    }

    @Test
    void givenASignedInOwner_whenTheirFirstKeyComments_thenItIsAttributedToTheSameNameAsTheirSession() {
        String email = "nia-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Person owner = new People(provider, server.getURL().toString()).signIn(email, "Nia Owner");
        String key = owner.firstKey();
        String id = api.post("/v1/artifacts", key, "{\"title\":\"Notes\",\"content\":\"x\"}")
                .json()
                .get("id")
                .asText();

        ApiResponse byKey = api.post(comments(id), key, json("From my CI."));
        Page bySession = owner.send("POST", comments(id), json("From my browser."));

        assertThat(byKey.json().at("/author/name").asText()).isEqualTo("Nia Owner");
        assertThat(bySession.json().at("/author/name").asText()).isEqualTo("Nia Owner");
        assertThat(byKey.json().at("/author/id").asText())
                .isEqualTo(bySession.json().at("/author/id").asText());
    }

    @Test
    void givenAnotherTenant_whenItReachesThisTenantsComments_thenEverythingIs404() {
        Tenant tenant = api.signUp("comment-home");
        Tenant other = api.signUp("comment-other");
        // Public: another tenant's key still reaches only its own tenant.
        String privateId = artifact(tenant);
        String commentId = api.post(comments(privateId), tenant.key(), json("Internal"))
                .json()
                .get("id")
                .asText();
        String otherArtifact = artifact(other);

        List<ApiResponse> attempts = List.of(
                api.get(comments(privateId), other.key()),
                api.post(comments(privateId), other.key(), json("hi")),
                api.get(comments(privateId) + "/" + commentId, other.key()),
                api.patch(comments(privateId) + "/" + commentId, other.key(), json("x")),
                api.delete(comments(privateId) + "/" + commentId, other.key()),
                api.post(comments(privateId) + "/" + commentId + "/replies", other.key(), json("x")),
                // the comment's id under the other tenant's own artifact
                api.get(comments(otherArtifact) + "/" + commentId, other.key()),
                api.patch(comments(otherArtifact) + "/" + commentId, other.key(), json("x")),
                api.delete(comments(otherArtifact) + "/" + commentId, other.key()),
                api.post(comments(otherArtifact) + "/" + commentId + "/replies", other.key(), json("x")));

        for (ApiResponse attempt : attempts) {
            assertThat(attempt.status()).as(attempt.body()).isEqualTo(404);
            assertThat(attempt.body()).doesNotContain("Internal").doesNotContain(tenant.name());
        }
        assertThat(api.get(comments(privateId) + "/" + commentId, tenant.key())
                        .json()
                        .get("body")
                        .asText())
                .isEqualTo("Internal");
    }
}
