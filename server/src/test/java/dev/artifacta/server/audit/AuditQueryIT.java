package dev.artifacta.server.audit;

import static dev.artifacta.server.audit.AuditTrail.all;
import static dev.artifacta.server.audit.AuditTrail.eventIds;
import static dev.artifacta.server.audit.AuditTrail.items;
import static dev.artifacta.server.audit.AuditTrail.nextCursor;
import static dev.artifacta.server.audit.AuditTrail.page;
import static dev.artifacta.server.audit.AuditTrail.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit query API against a history whose every entry the test wrote down as it went: each
 * filter, alone and combined, must return exactly the matching entries of that model, newest first
 * (or oldest first with order=asc).
 */
@MicronautTest(transactional = false)
class AuditQueryIT extends ApiTest {

    /** What the test expects one audit entry to say. */
    record Entry(
            String action,
            String resourceType,
            String resourceId,
            String actorType,
            String actorId,
            String keyId,
            String keyName) {

        String line() {
            return action + " " + resourceType + ":" + resourceId + " by " + actorType + ":" + actorId;
        }

        static String line(JsonNode item) {
            return item.get("action").asText() + " " + item.at("/resource/type").asText() + ":"
                    + item.at("/resource/id").asText() + " by "
                    + item.at("/actor/type").asText() + ":"
                    + item.at("/actor/id").asText();
        }
    }

    private static final String WRITER_SCOPES = "[\"artifacts:read\",\"artifacts:create\",\"artifacts:update\"]";

    @Inject
    DataSource dataSource;

    private Tables tables;
    private Tenant acme;
    private Tenant globex;
    private String ownerEmail;
    private String bot;
    private String botAgent;
    private String oldCi;
    private String newCi;
    private String artifactA;
    private String artifactB;
    private String link;
    private String globexCi;
    /** acme's history as the test made it, oldest first. */
    private final List<Entry> history = new ArrayList<>();
    /** occurredAt of each entry of {@link #history}, as the API reports it. */
    private final List<Instant> times = new ArrayList<>();

    @BeforeAll
    void history() throws Exception {
        tables = new Tables(dataSource);
        acme = api.signUp("acme");
        ownerEmail = "owner@" + acme.name() + ".example";
        String defaultProject =
                api.get("/v1/projects", acme.key()).json().at("/items/0/id").asText();
        byUser("tenant.created", "tenant", acme.id());
        byUser("api_key.created", "api_key", acme.keyId());
        byUser("project.created", "project", defaultProject);

        // Others' entries must never show: a second tenant with a key of the same name.
        globex = api.signUp("globex");
        globexCi = api.createKey(globex.key(), "{\"name\":\"ci\",\"scopes\":" + WRITER_SCOPES + "}")
                .get("id")
                .asText();

        pause();
        assertThat(api.put("/admin/v1/tenants/" + acme.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        history.add(new Entry("tenant.plan_changed", "tenant", acme.id(), "service", "admin-api", null, null));

        pause();
        JsonNode botKey = api.createKey(
                acme.key(),
                "{\"name\":\"bot\",\"identity\":{\"type\":\"agent\",\"name\":\"release-bot\"},\"scopes\":"
                        + WRITER_SCOPES + "}");
        bot = botKey.get("id").asText();
        botAgent = botKey.at("/identity/agentId").asText();
        // The key names its agent by name: the agent is made for it, then the key.
        byOwner("agent.created", "agent", botAgent);
        byOwner("api_key.created", "api_key", bot);

        pause();
        JsonNode oldCiKey = api.createKey(acme.key(), "{\"name\":\"ci\",\"scopes\":" + WRITER_SCOPES + "}");
        oldCi = oldCiKey.get("id").asText();
        byOwner("api_key.created", "api_key", oldCi);

        pause();
        artifactA =
                created(api.post("/v1/artifacts", botKey.get("key").asText(), "{\"title\":\"A\",\"content\":\"a1\"}"));
        history.add(new Entry("artifact.created", "artifact", artifactA, "agent", botAgent, bot, "bot"));

        pause();
        artifactB = created(
                api.post("/v1/artifacts", oldCiKey.get("key").asText(), "{\"title\":\"B\",\"content\":\"b1\"}"));
        history.add(new Entry("artifact.created", "artifact", artifactB, "api_key", oldCi, oldCi, "ci"));

        pause();
        ok(api.post(
                "/v1/artifacts/" + artifactA + "/versions", oldCiKey.get("key").asText(), "{\"content\":\"a2\"}"));
        history.add(new Entry("artifact.version_appended", "artifact", artifactA, "api_key", oldCi, oldCi, "ci"));

        pause();
        assertThat(api.delete("/v1/api-keys/" + oldCi, acme.key()).status()).isEqualTo(200);
        byOwner("api_key.revoked", "api_key", oldCi);

        pause();
        JsonNode newCiKey = api.createKey(acme.key(), "{\"name\":\"ci\",\"scopes\":" + WRITER_SCOPES + "}");
        newCi = newCiKey.get("id").asText();
        byOwner("api_key.created", "api_key", newCi);

        pause();
        ok(api.post(
                "/v1/artifacts/" + artifactB + "/versions", newCiKey.get("key").asText(), "{\"content\":\"b2\"}"));
        history.add(new Entry("artifact.version_appended", "artifact", artifactB, "api_key", newCi, newCi, "ci"));

        pause();
        ok(api.post(
                "/v1/artifacts/" + artifactB + "/versions", botKey.get("key").asText(), "{\"content\":\"b3\"}"));
        history.add(new Entry("artifact.version_appended", "artifact", artifactB, "agent", botAgent, bot, "bot"));

        pause();
        ApiResponse share =
                api.post("/v1/artifacts/" + artifactA + "/share-links", acme.key(), "{\"role\":\"editor\"}");
        link = created(share);
        byOwner("share_link.created", "share_link", link);

        pause();
        ok(api.post("/v1/shared/" + share.json().get("token").asText() + "/versions", null, "{\"content\":\"a3\"}"));
        history.add(new Entry("artifact.version_appended", "artifact", artifactA, "share_link", link, null, null));

        pause();
        assertThat(api.post("/v1/artifacts/" + artifactA + "/restore", acme.key(), "{\"version\":1}")
                        .status())
                .as("restore")
                .isIn(200, 201);
        byOwner("artifact.restored", "artifact", artifactA);

        pause();
        assertThat(api.delete("/v1/artifacts/" + artifactB, acme.key()).status())
                .isEqualTo(204);
        byOwner("artifact.deleted", "artifact", artifactB);

        List<JsonNode> trail = all(api, acme.key(), "?order=asc");
        assertThat(trail).extracting(Entry::line).containsExactlyElementsOf(lines(history));
        trail.forEach(item -> times.add(Instant.parse(item.get("occurredAt").asText())));
    }

    @Test
    void theWholeTrailIsTheHistoryNewestFirstAndOldestFirstWithOrderAsc() {
        List<JsonNode> desc = all(api, acme.key(), "");
        List<JsonNode> asc = all(api, acme.key(), "?order=asc");
        List<JsonNode> explicitDesc = all(api, acme.key(), "?order=desc");

        assertThat(desc)
                .extracting(Entry::line)
                .containsExactlyElementsOf(lines(history).reversed());
        assertThat(eventIds(asc)).containsExactlyElementsOf(eventIds(desc).reversed());
        assertThat(eventIds(explicitDesc)).containsExactlyElementsOf(eventIds(desc));
        assertThat(times).isSorted();
        for (int i = 0; i < history.size(); i++) {
            Entry expected = history.get(i);
            JsonNode item = asc.get(i);
            assertThat(text(item.at("/actor/keyId"))).as(expected.line()).isEqualTo(expected.keyId());
            assertThat(text(item.at("/actor/keyName"))).as(expected.line()).isEqualTo(expected.keyName());
        }
        JsonNode agentEntry = asc.get(history.indexOf(find(e -> e.actorType().equals("agent"))));
        assertThat(agentEntry.at("/actor/identity/type").asText()).isEqualTo("agent");
        assertThat(agentEntry.at("/actor/identity/name").asText()).isEqualTo("release-bot");
        JsonNode ownerKeyEntry = asc.get(history.indexOf(find(e -> e.actorId().equals(oldCi))));
        assertThat(ownerKeyEntry.at("/actor/identity/type").asText()).isEqualTo("user");
        assertThat(ownerKeyEntry.at("/actor/identity/name").asText()).isEqualTo(ownerEmail);
    }

    @Test
    void everyFilterAloneReturnsExactlyTheMatchingEntries() {
        record Case(String query, Predicate<Entry> matches, int count) {}
        List<Case> cases = List.of(
                new Case("actorType=agent", e -> "agent".equals(e.actorType()), 2),
                new Case("actorType=api_key", e -> "api_key".equals(e.actorType()), 11),
                new Case("actorType=user", e -> "user".equals(e.actorType()), 3),
                new Case("actorType=service", e -> "service".equals(e.actorType()), 1),
                new Case("actorType=share_link", e -> "share_link".equals(e.actorType()), 1),
                new Case("actorId=" + botAgent, e -> botAgent.equals(e.actorId()), 2),
                new Case("actorId=" + q(ownerEmail), e -> ownerEmail.equals(e.actorId()), 3),
                new Case("actorId=" + acme.keyId(), e -> acme.keyId().equals(e.actorId()), 8),
                new Case("actorId=" + link, e -> link.equals(e.actorId()), 1),
                new Case("resourceType=artifact", e -> "artifact".equals(e.resourceType()), 8),
                new Case("resourceType=api_key", e -> "api_key".equals(e.resourceType()), 5),
                new Case("resourceType=share_link", e -> "share_link".equals(e.resourceType()), 1),
                new Case("resourceType=tenant", e -> "tenant".equals(e.resourceType()), 2),
                new Case("resourceId=" + artifactA, e -> artifactA.equals(e.resourceId()), 4),
                new Case("resourceId=" + oldCi, e -> oldCi.equals(e.resourceId()), 2),
                new Case("resourceId=" + acme.id(), e -> acme.id().equals(e.resourceId()), 2),
                new Case("action=artifact.version_appended", e -> e.action().equals("artifact.version_appended"), 4),
                new Case("action=artifact.", e -> e.action().startsWith("artifact."), 8),
                new Case("action=api_key.", e -> e.action().startsWith("api_key."), 5),
                new Case("action=share_link.", e -> e.action().startsWith("share_link."), 1),
                new Case("action=tenant.plan_changed", e -> e.action().equals("tenant.plan_changed"), 1),
                new Case("keyName=bot", e -> "bot".equals(e.keyName()), 2),
                new Case("keyName=Default%20key", e -> "Default key".equals(e.keyName()), 8),
                new Case("keyId=" + bot, e -> bot.equals(e.keyId()), 2));
        for (Case c : cases) {
            assertMatches(c.query(), c.matches(), c.count());
        }
    }

    @Test
    void filtersCombineWithAnd() {
        assertMatches(
                "actorType=api_key&keyName=ci&action=artifact.",
                e -> "api_key".equals(e.actorType())
                        && "ci".equals(e.keyName())
                        && e.action().startsWith("artifact."),
                3);
        assertMatches(
                "resourceId=" + artifactB + "&actorType=agent",
                e -> artifactB.equals(e.resourceId()) && "agent".equals(e.actorType()),
                1);
        assertMatches(
                "resourceType=artifact&actorId=" + newCi,
                e -> "artifact".equals(e.resourceType()) && newCi.equals(e.actorId()),
                1);
        assertMatches(
                "keyName=Default%20key&action=api_key.revoked",
                e -> "Default key".equals(e.keyName()) && e.action().equals("api_key.revoked"), 1);
        assertMatches(
                "resourceType=artifact&action=artifact.version_appended&resourceId=" + artifactA,
                e -> artifactA.equals(e.resourceId()) && e.action().equals("artifact.version_appended"),
                2);
        assertMatches("actorType=agent&keyId=" + oldCi, e -> false, 0);
        assertMatches("actorType=user&action=artifact.", e -> false, 0);
        assertMatches("resourceType=api_key&resourceId=" + artifactA, e -> false, 0);
    }

    @Test
    void timeBoundsAreFromInclusiveToExclusiveAloneAndWithOtherFilters() {
        // Entries from index 7 (bot's artifact) up to but excluding index 14 (the share link).
        int from = 7;
        int to = 14;
        assertThat(history.get(from).action()).isEqualTo("artifact.created");
        assertThat(history.get(to).action()).isEqualTo("share_link.created");
        assertThat(times.get(from)).isAfter(times.get(from - 1));
        assertThat(times.get(to)).isAfter(times.get(to - 1));
        String fromQ = "from=" + q(times.get(from).toString());
        String toQ = "to=" + q(times.get(to).toString());

        assertRange(fromQ, e -> true, from, history.size());
        assertRange(toQ, e -> true, 0, to);
        assertRange(fromQ + "&" + toQ, e -> true, from, to);
        assertRange(fromQ + "&" + toQ + "&resourceType=artifact", e -> "artifact".equals(e.resourceType()), from, to);
        assertRange(fromQ + "&" + toQ + "&keyName=ci", e -> "ci".equals(e.keyName()), from, to);
        assertRange(fromQ + "&" + toQ + "&action=api_key.", e -> e.action().startsWith("api_key."), from, to);
        // One microsecond past the lower bound excludes the entry at it.
        String justAfter = "from=" + q(times.get(from).plusNanos(1_000).toString());
        assertRange(justAfter + "&" + toQ, e -> true, from + 1, to);
        assertThat(items(page(
                        api,
                        acme.key(),
                        "?" + fromQ + "&to=" + q(times.get(from).toString()))))
                .isEmpty();
        assertThat(items(page(
                        api,
                        acme.key(),
                        "?from=" + q(times.getLast().plusSeconds(1).toString()))))
                .isEmpty();
    }

    @Test
    void aRevokedKeyStillMatchesByNameAndIdAndItsNamesakeIsListedApartById() {
        List<String> byName = all(api, acme.key(), "?keyName=ci").stream()
                .map(e -> e.at("/actor/keyId").asText() + " " + e.get("action").asText() + " "
                        + e.at("/resource/id").asText())
                .toList();
        assertThat(byName)
                .containsExactly(
                        newCi + " artifact.version_appended " + artifactB,
                        oldCi + " artifact.version_appended " + artifactA,
                        oldCi + " artifact.created " + artifactB);
        assertThat(all(api, acme.key(), "?keyId=" + oldCi))
                .extracting(Entry::line)
                .containsExactly(
                        "artifact.version_appended artifact:" + artifactA + " by api_key:" + oldCi,
                        "artifact.created artifact:" + artifactB + " by api_key:" + oldCi);
        assertThat(all(api, acme.key(), "?keyId=" + newCi))
                .extracting(Entry::line)
                .containsExactly("artifact.version_appended artifact:" + artifactB + " by api_key:" + newCi);
        assertThat(all(api, acme.key(), "?keyName=ci&keyId=" + newCi)).hasSize(1);
        // The other tenant's key named ci never shows, and its id finds nothing here.
        assertThat(all(api, acme.key(), "?keyId=" + globexCi)).isEmpty();
        assertThat(all(api, globex.key(), "?keyName=ci")).isEmpty();
        assertThat(all(api, globex.key(), "?keyId=" + oldCi)).isEmpty();
        assertThat(all(api, globex.key(), "?resourceId=" + artifactA)).isEmpty();
    }

    @Test
    void givenAppendsBetweenAndDuringPages_whenWalkingCursors_thenEachEntryComesOnceAndNewOnesOnlyAtTheEndOfAnAscWalk()
            throws Exception {
        Tenant pager = api.signUp("pager");
        for (int i = 0; i < 9; i++) {
            project(pager, "before-" + i);
        }
        List<String> snapshot = eventIds(all(api, pager.key(), ""));
        assertThat(snapshot).hasSize(12);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger background = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread appender = new Thread(() -> {
            try {
                while (running.get() && background.get() < 40) {
                    project(pager, "bg-" + background.incrementAndGet());
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        appender.start();
        List<String> desc;
        List<String> asc;
        List<String> appendedDuringAsc = new ArrayList<>();
        try {
            desc = walk(pager, "", () -> project(pager, "between-desc-" + shortId()));
            asc = walk(pager, "&order=asc", () -> appendedDuringAsc.add(project(pager, "between-asc-" + shortId())));
        } finally {
            running.set(false);
            appender.join();
        }
        assertThat(failures).isEmpty();
        assertThat(background.get()).as("appends made concurrently").isPositive();

        // The appender runs from before the walk's first page, so entries it made in that gap are
        // part of what existed when the walk started; nothing made later may appear.
        assertThat(desc).as("a desc walk yields each entry once").doesNotHaveDuplicates();
        assertThat(desc)
                .as("a desc walk yields what existed when it started: the snapshot, after any entries"
                        + " appended between the snapshot and its first page")
                .endsWith(snapshot.toArray(String[]::new));
        assertThat(desc.size() - snapshot.size())
                .as("entries appended before the first page, never after")
                .isLessThanOrEqualTo(background.get());

        List<JsonNode> finalAsc = all(api, pager.key(), "?order=asc");
        assertThat(asc).doesNotHaveDuplicates();
        assertThat(asc.size()).isGreaterThan(snapshot.size() + appendedDuringAsc.size());
        assertThat(asc).containsExactlyElementsOf(eventIds(finalAsc).subList(0, asc.size()));
        assertThat(asc.subList(0, snapshot.size())).containsExactlyElementsOf(snapshot.reversed());
        List<String> ascResources = finalAsc.subList(0, asc.size()).stream()
                .map(e -> e.at("/resource/id").asText())
                .toList();
        assertThat(ascResources).containsAll(appendedDuringAsc);
        assertThat(ascResources.indexOf(appendedDuringAsc.getFirst())).isGreaterThanOrEqualTo(snapshot.size());
    }

    @Test
    void aCursorWorksOnlyInTheOrderItWasIssuedFor() {
        ApiResponse descPage = page(api, acme.key(), "?limit=2");
        ApiResponse ascPage = page(api, acme.key(), "?limit=2&order=asc");
        String descCursor = nextCursor(descPage);
        String ascCursor = nextCursor(ascPage);
        assertThat(descCursor).isNotNull();
        assertThat(ascCursor).isNotNull();

        assertProblem(page(api, acme.key(), "?order=asc&cursor=" + q(descCursor)), "invalid-cursor");
        assertProblem(page(api, acme.key(), "?cursor=" + q(ascCursor)), "invalid-cursor");
        assertProblem(page(api, acme.key(), "?order=desc&cursor=" + q(ascCursor)), "invalid-cursor");

        assertThat(items(page(api, acme.key(), "?limit=2&cursor=" + q(descCursor))))
                .extracting(Entry::line)
                .containsExactly(
                        history.get(history.size() - 3).line(),
                        history.get(history.size() - 4).line());
        assertThat(items(page(api, acme.key(), "?limit=2&order=asc&cursor=" + q(ascCursor))))
                .extracting(Entry::line)
                .containsExactly(history.get(2).line(), history.get(3).line());
    }

    @Test
    void badFilterValuesAreProblems() {
        String garbage = Base64.getUrlEncoder().withoutPadding().encodeToString("a2:sideways:7".getBytes());
        assertProblem(page(api, acme.key(), "?actorType=robot"), "invalid-filter");
        assertProblem(page(api, acme.key(), "?actorType=API_KEY"), "invalid-filter");
        assertProblem(page(api, acme.key(), "?order=sideways"), "invalid-order");
        assertProblem(page(api, acme.key(), "?order=ASC"), "invalid-order");
        assertProblem(page(api, acme.key(), "?limit=0"), "invalid-limit");
        assertProblem(page(api, acme.key(), "?limit=201"), "invalid-limit");
        assertProblem(page(api, acme.key(), "?cursor=" + q("!!not base64!!")), "invalid-cursor");
        assertProblem(page(api, acme.key(), "?cursor=garbage"), "invalid-cursor");
        assertProblem(page(api, acme.key(), "?cursor=" + garbage), "invalid-cursor");
        assertProblem(page(api, acme.key(), "?from=last-week"), "invalid-time");
        assertProblem(page(api, acme.key(), "?keyName=" + "x".repeat(301)), "invalid-filter");
    }

    @Test
    void everyTenantsStoredChainIsGaplessFromOneAndLinkedByHash() {
        List<Map<String, Object>> acmeRows = AuditTrail.assertChain(tables, acme.id(), 1, AuditTrail.GENESIS);
        assertThat(acmeRows).hasSizeGreaterThanOrEqualTo(history.size());
        // Rows in chain order are the entries the API lists oldest first (other tests may add more).
        List<String> stored =
                acmeRows.stream().map(r -> (String) r.get("event_id")).toList();
        assertThat(stored.subList(0, history.size()))
                .containsExactlyElementsOf(
                        eventIds(all(api, acme.key(), "?order=asc")).subList(0, history.size()));
        for (Map<String, Object> tenant : tables.rows("SELECT DISTINCT tenant_id FROM audit_log")) {
            AuditTrail.assertChain(tables, (String) tenant.get("tenant_id"), 1, AuditTrail.GENESIS);
        }
        assertThat(tables.rows("SELECT count(*) AS n FROM audit_tenant")
                        .getFirst()
                        .get("n"))
                .isEqualTo(tables.rows("SELECT count(DISTINCT tenant_id) AS n FROM audit_log")
                        .getFirst()
                        .get("n"));
    }

    // --- helpers

    private void assertMatches(String query, Predicate<Entry> matches, int count) {
        List<String> expected =
                history.stream().filter(matches).map(Entry::line).toList();
        assertThat(expected).as("model of " + query).hasSize(count);
        assertThat(all(api, acme.key(), "?" + query))
                .as(query)
                .extracting(Entry::line)
                .containsExactlyElementsOf(expected.reversed());
        assertThat(all(api, acme.key(), "?order=asc&" + query))
                .as(query + " asc")
                .extracting(Entry::line)
                .containsExactlyElementsOf(expected);
    }

    private void assertRange(String query, Predicate<Entry> matches, int fromIndex, int toIndex) {
        List<String> expected = history.subList(fromIndex, toIndex).stream()
                .filter(matches)
                .map(Entry::line)
                .toList();
        assertThat(expected).as("model of " + query).isNotEmpty();
        assertThat(all(api, acme.key(), "?" + query))
                .as(query)
                .extracting(Entry::line)
                .containsExactlyElementsOf(expected.reversed());
        assertThat(all(api, acme.key(), "?order=asc&" + query))
                .as(query + " asc")
                .extracting(Entry::line)
                .containsExactlyElementsOf(expected);
    }

    private static void assertProblem(ApiResponse response, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (type != null) {
            assertThat(response.json().get("type").asText()).as(response.body()).endsWith("/" + type);
        }
    }

    /** Walks every page with limit 5, running {@code between} before each page after the first. */
    private List<String> walk(Tenant tenant, String order, Runnable between) {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            if (cursor != null) {
                between.run();
            }
            ApiResponse response =
                    page(api, tenant.key(), "?limit=5" + order + (cursor == null ? "" : "&cursor=" + q(cursor)));
            List<JsonNode> items = items(response);
            assertThat(items.size()).isBetween(1, 5);
            walked.addAll(eventIds(items));
            cursor = nextCursor(response);
            if (cursor != null) {
                assertThat(items).hasSize(5);
            }
            pages++;
        } while (cursor != null && pages < 60);
        assertThat(cursor).as("the walk ended").isNull();
        return walked;
    }

    private String project(Tenant tenant, String slug) {
        return created(api.post("/v1/projects", tenant.key(), "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"));
    }

    private static String shortId() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static void ok(ApiResponse response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static String created(ApiResponse response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json().get("id").asText();
    }

    private void byUser(String action, String type, String id) {
        history.add(new Entry(action, type, id, "user", ownerEmail, null, null));
    }

    private void byOwner(String action, String type, String id) {
        history.add(new Entry(action, type, id, "api_key", acme.keyId(), acme.keyId(), "Default key"));
    }

    private Entry find(Predicate<Entry> predicate) {
        return history.stream().filter(predicate).findFirst().orElseThrow();
    }

    private static List<String> lines(List<Entry> entries) {
        return entries.stream().map(Entry::line).toList();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    /** Distinct timestamps, so that every time bound falls on exactly one entry. */
    private static void pause() throws InterruptedException {
        Thread.sleep(5);
    }
}
