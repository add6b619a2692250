package dev.artifacta.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The key, project and version lists page as the audit log does: {@code limit} (1 to 200, 50 by
 * default), an opaque {@code cursor}, and {@code nextCursor} in each page, null on the last.
 * Following the cursors yields every item exactly once, in the order of the unpaged list.
 */
@MicronautTest(transactional = false)
class ListPagingIT extends ApiTest {

    @Test
    void givenFiveKeys_whenListedTwoAtATime_thenEveryKeyAppearsOnce_inTheOrderOfTheWholeList() {
        Tenant tenant = api.signUp("key-pages");
        for (int i = 1; i <= 4; i++) {
            api.createKey(tenant.key(), "{\"name\":\"paged-" + i + "\"}");
        }
        ApiResponse whole = api.get("/v1/api-keys", tenant.key());
        assertThat(whole.json().get("nextCursor").isNull()).isTrue();
        List<String> all = ids(whole.json());
        assertThat(all).hasSize(5);

        List<List<String>> pages = pages("/v1/api-keys?limit=2", tenant.key());

        assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(all);
    }

    @Test
    void givenAKeyCreatedBetweenPages_whenTheListGoesOn_thenNoKeyIsRepeatedOrSkipped() {
        Tenant tenant = api.signUp("key-pages-live");
        for (int i = 1; i <= 3; i++) {
            api.createKey(tenant.key(), "{\"name\":\"before-" + i + "\"}");
        }
        List<String> before = ids(api.get("/v1/api-keys", tenant.key()).json());
        JsonNode first = page("/v1/api-keys?limit=2", tenant.key());
        api.createKey(tenant.key(), "{\"name\":\"meanwhile\"}");

        List<String> seen = new ArrayList<>(ids(first));
        String cursor = first.get("nextCursor").asText();
        while (cursor != null) {
            JsonNode next = page("/v1/api-keys?limit=2&cursor=" + cursor, tenant.key());
            seen.addAll(ids(next));
            cursor = next.get("nextCursor").isNull()
                    ? null
                    : next.get("nextCursor").asText();
        }

        assertThat(seen).isEqualTo(before);
    }

    @Test
    void givenStatusAndAnAgentsKey_whenPaged_thenOnlyTheKeysTheListWouldShowArePaged() {
        Tenant tenant = api.signUp("key-pages-filtered");
        String agent = api.post("/v1/agents", tenant.key(), "{\"name\":\"pager\",\"role\":\"admin\"}")
                .json()
                .get("id")
                .asText();
        String agentKey = null;
        for (int i = 1; i <= 3; i++) {
            agentKey = api.createKey(
                            tenant.key(),
                            "{\"name\":\"agent-" + i + "\",\"scopes\":[\"agents:manage\"],"
                                    + "\"identity\":{\"type\":\"agent\",\"agentId\":\"" + agent + "\"}}")
                    .get("key")
                    .asText();
        }
        String revoked =
                api.createKey(tenant.key(), "{\"name\":\"gone\"}").get("id").asText();
        api.delete("/v1/api-keys/" + revoked, tenant.key());

        List<String> agentsView = ids(api.get("/v1/api-keys", agentKey).json());
        assertThat(agentsView).hasSize(3);
        assertThat(pages("/v1/api-keys?limit=1", agentKey).stream()
                        .flatMap(List::stream)
                        .toList())
                .isEqualTo(agentsView);
        assertThat(pages("/v1/api-keys?status=revoked&limit=1", tenant.key())).containsExactly(List.of(revoked));
        assertThat(pages("/v1/api-keys?status=all&limit=2", tenant.key()).stream()
                        .flatMap(List::stream)
                        .toList())
                .isEqualTo(ids(api.get("/v1/api-keys?status=all", tenant.key()).json()))
                .as("the first key, the agent's three and the revoked one")
                .hasSize(5);
    }

    @Test
    void givenFiveProjects_whenListedTwoAtATime_thenEveryProjectAppearsOnce_bySlug() {
        Tenant tenant = api.signUp("project-pages");
        for (String slug : List.of("delta", "alpha", "echo", "charlie")) {
            api.post("/v1/projects", tenant.key(), "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}");
        }
        ApiResponse whole = api.get("/v1/projects", tenant.key());
        assertThat(whole.json().get("nextCursor").isNull()).isTrue();

        List<List<String>> pages = pages("/v1/projects?limit=2", tenant.key());

        assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(ids(whole.json()));
        assertThat(slugs(whole.json())).containsExactly("alpha", "charlie", "default", "delta", "echo");
    }

    @Test
    void givenThreeVersions_whenListedOneAtATime_thenNewestFirst_eachOnce() {
        Tenant tenant = api.signUp("version-pages");
        String id = api.post("/v1/artifacts", tenant.key(), "{\"title\":\"Paged\",\"content\":\"v1\"}")
                .json()
                .get("id")
                .asText();
        api.post("/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"v2\"}");
        api.post("/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"v3\"}");
        ApiResponse whole = api.get("/v1/artifacts/" + id + "/versions", tenant.key());
        assertThat(whole.json().get("nextCursor").isNull()).isTrue();

        ApiResponse first = api.get("/v1/artifacts/" + id + "/versions?limit=1", tenant.key());

        assertThat(first.json().get("items")).hasSize(1);
        assertThat(first.json().at("/items/0/version").asLong()).isEqualTo(3);
        assertThat(pages("/v1/artifacts/" + id + "/versions?limit=1", tenant.key()))
                .containsExactly(List.of("3"), List.of("2"), List.of("1"));
        assertThat(pages("/v1/artifacts/" + id + "/versions?limit=2", tenant.key()))
                .containsExactly(List.of("3", "2"), List.of("1"));
    }

    @Test
    void givenBadCursorsOrLimits_whenAnyOfTheseListsIsRead_thenBadRequestProblems() {
        Tenant tenant = api.signUp("bad-pages");
        String id = api.post("/v1/artifacts", tenant.key(), "{\"title\":\"Paged\",\"content\":\"v1\"}")
                .json()
                .get("id")
                .asText();
        api.post("/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"v2\"}");
        api.post("/v1/projects", tenant.key(), "{\"slug\":\"second\",\"name\":\"Second\"}");
        api.createKey(tenant.key(), "{\"name\":\"second\"}");
        List<String> lists = List.of("/v1/api-keys", "/v1/projects", "/v1/artifacts/" + id + "/versions");
        List<String> cursors = new ArrayList<>();
        for (String list : lists) {
            cursors.add(page(list + "?limit=1", tenant.key()).get("nextCursor").asText());
        }

        for (int i = 0; i < lists.size(); i++) {
            String list = lists.get(i);
            String otherListsCursor = cursors.get((i + 1) % cursors.size());
            for (String query : List.of("cursor=nonsense", "cursor=%25%25", "cursor=" + otherListsCursor)) {
                ApiResponse response = api.get(list + "?" + query, tenant.key());
                assertThat(response.status()).as(list + "?" + query).isEqualTo(400);
                assertThat(response.contentType()).as(list + "?" + query).startsWith("application/problem+json");
                assertThat(response.json().get("type").asText())
                        .as(list + "?" + query)
                        .endsWith("/invalid-cursor");
            }
            for (String query : List.of("limit=0", "limit=201", "limit=-1")) {
                ApiResponse response = api.get(list + "?" + query, tenant.key());
                assertThat(response.status()).as(list + "?" + query).isEqualTo(400);
                assertThat(response.json().get("type").asText())
                        .as(list + "?" + query)
                        .endsWith("/invalid-limit");
            }
            assertThat(api.get(list + "?limit=200", tenant.key()).status()).isEqualTo(200);
        }
    }

    /** Every page from {@code path} on, following nextCursor; each page as its items' ids. */
    private List<List<String>> pages(String path, String key) {
        List<List<String>> pages = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        JsonNode page = page(path, key);
        while (true) {
            pages.add(ids(page));
            if (page.get("nextCursor").isNull()) {
                return pages;
            }
            assertThat(pages).as("pages of " + path).hasSizeLessThan(20);
            page = page(path + separator + "cursor=" + page.get("nextCursor").asText(), key);
        }
    }

    private JsonNode page(String path, String key) {
        ApiResponse response = api.get(path, key);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
        assertThat(response.json().has("nextCursor")).as(path).isTrue();
        return response.json();
    }

    /** Ids of a page's items (a version's number for versions). */
    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(item -> item.has("id")
                        ? item.get("id").asText()
                        : item.get("version").asText())
                .toList();
    }

    private static List<String> slugs(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(item -> item.get("slug").asText())
                .toList();
    }
}
