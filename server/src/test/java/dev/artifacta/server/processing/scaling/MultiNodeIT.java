package dev.artifacta.server.processing.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.server.testing.Browser;
import dev.artifacta.server.testing.Contract;
import dev.artifacta.server.testing.IdentityProvider;
import dev.artifacta.server.testing.TestDatabase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Two real server processes (the shaded jar) on one fresh PostgreSQL database: each serves the whole
 * API, a revocation through one is refused by the other on the next request, and when one dies by
 * SIGKILL under load the survivor takes over its processor segments and finishes the views with no
 * event skipped and none applied twice. Every view is checked against what the event store implies,
 * counted with SQL; HTTP answers are never counted, since a request in flight to the killed node may
 * or may not have committed.
 *
 * <p>Node B starts first and node A only once B has claimed every segment: Axon's tracking processor
 * runs as many threads as there are segments, so the first node takes them all; the test then
 * proves that B hands A its share (the segment balancer), that a write through either node is read
 * through the other right after, and that the take-over moves B's share back to A. Processes are destroyed in {@link #stopNodes()} and by a
 * shutdown hook, and every wait is bounded, so the test never hangs and leaves nothing running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiNodeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "multinode-admin-token-not-secret";
    /** The server's default {@code artifacta.processors.rebuild-segments}. */
    private static final int COPY_SEGMENTS = 2;

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);
    /** How often a node looks for segments to claim: a take-over waits for the claim timeout plus up to this. */
    private static final Duration TOKEN_CLAIM_INTERVAL = Duration.ofSeconds(1);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration TAKE_OVER_BOUND = Duration.ofSeconds(60);
    private static final int LOAD_THREADS = 4;
    private static final int OPERATIONS_PER_THREAD = 60;
    private static final Duration LOAD_TIME_LIMIT = Duration.ofSeconds(90);
    private static final String EVENTS = "dev.artifacta.events.";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** A failed test shows what the nodes printed last. */
    @RegisterExtension
    final TestWatcher tailsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println(tails());
        }
    };

    private Path root;
    private Map<String, String> db;
    private Node nodeA;
    private Node nodeB;
    private Thread reaper;
    private IdentityProvider provider;
    private Duration splitAfter;

    @BeforeAll
    void startTwoNodesOnOneDatabase() throws Exception {
        root = repositoryRoot();
        Path jar = root.resolve("server/target/server-0.1.0-SNAPSHOT-all.jar");
        assumeTrue(Files.isRegularFile(jar), "the shaded server jar is missing (" + jar + "): run after package");
        db = TestDatabase.freshPostgres();
        provider = new IdentityProvider();
        reaper = new Thread(this::destroyNodes, "multinode-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            nodeB = Node.start("B", jar, db, provider.properties(), root.resolve("server/target/multinode-B.log"));
            nodeB.awaitHealthy(http, START_TIMEOUT);
            awaitUntil("node B claims every segment", START_TIMEOUT, () -> {
                List<Token> tokens = tokens();
                return tokens.size() == expectedSegments() && tokens.stream().allMatch(t -> nodeB.owns(t));
            });
            nodeA = Node.start("A", jar, db, provider.properties(), root.resolve("server/target/multinode-A.log"));
            nodeA.awaitHealthy(http, START_TIMEOUT);
            long aHealthy = System.nanoTime();
            awaitUntil("the nodes split every view's segments", Duration.ofSeconds(60), this::segmentsSplit);
            splitAfter = Duration.ofNanos(System.nanoTime() - aHealthy);
        } catch (Exception | AssertionError notStarted) {
            System.out.println(tails());
            throw notStarted;
        }
    }

    @AfterAll
    void stopNodes() {
        destroyNodes();
        if (reaper != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already; it destroys the same processes.
            }
        }
    }

    @Test
    @Order(0)
    void givenTwoNodes_whenBothRun_thenEachHoldsItsShareOfEveryViewsSegments() throws Exception {
        System.out.printf(
                "MultiNodeIT balance: every view's segments were split %d ms after node A was healthy%n",
                splitAfter.toMillis());

        Map<String, List<Token>> byProcessor = new LinkedHashMap<>();
        for (Token token : tokens()) {
            byProcessor
                    .computeIfAbsent(token.processor(), k -> new ArrayList<>())
                    .add(token);
        }

        assertThat(byProcessor).hasSize(expectedSegments() / 2);
        for (var processor : byProcessor.entrySet()) {
            assertThat(processor.getValue())
                    .as(processor.getKey())
                    .anyMatch(nodeA::owns)
                    .anyMatch(nodeB::owns);
        }
    }

    @Test
    @Order(0)
    void givenAWriteThroughOneNode_whenTheOtherReadsRightAfter_thenItSeesTheWrite() throws Exception {
        Tenant tenant = signUp(nodeA, "ryw");
        for (int i = 0; i < 10; i++) {
            Node writer = i % 2 == 0 ? nodeA : nodeB;
            Node reader = i % 2 == 0 ? nodeB : nodeA;

            Reply created = call(writer, "POST", "/v1/api-keys", tenant.key(), json("name", "ryw-" + i));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            Reply listed = call(reader, "GET", "/v1/api-keys", tenant.key(), null);
            Reply artifact =
                    call(writer, "POST", "/v1/artifacts", tenant.key(), json("title", "ryw " + i, "content", "x"));
            assertThat(artifact.status()).as(artifact.text()).isEqualTo(201);
            String id = artifact.json().get("id").asText();
            Reply read = call(reader, "GET", "/v1/artifacts/" + id, tenant.key(), null);
            Reply appended =
                    call(reader, "POST", "/v1/artifacts/" + id + "/versions", tenant.key(), json("content", "y"));

            assertThat(listed.text())
                    .as("key %d listed through %s", i, reader.name())
                    .contains("ryw-" + i);
            assertThat(read.status())
                    .as("artifact %d read through %s: %s", i, reader.name(), read.text())
                    .isEqualTo(200);
            assertThat(appended.status())
                    .as("append to artifact %d through %s: %s", i, reader.name(), appended.text())
                    .isEqualTo(201);
        }
    }

    @Test
    @Order(1)
    void givenAnArtifactWrittenThroughBothNodesInTurn_whenEachWriteNamesTheHeadItSaw_thenEveryWriteLands()
            throws Exception {
        Tenant tenant = signUp(nodeA, "turns");
        Reply created = call(nodeA, "POST", "/v1/artifacts", tenant.key(), json("title", "Turns", "content", "v1"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("id").asText();

        // Each node keeps the artifacts it loaded in memory; the other node's writes must not leave it
        // deciding on the head it saw last (a 412 for the true head).
        for (long head = 1; head <= 10; head++) {
            Node node = head % 2 == 0 ? nodeA : nodeB;
            Reply appended = call(
                    node,
                    "POST",
                    "/v1/artifacts/" + id + "/versions",
                    tenant.key(),
                    json("content", "v" + (head + 1)),
                    "If-Match",
                    "\"" + head + "\"");

            assertThat(appended.status())
                    .as("append on head %d through %s: %s", head, node.name(), appended.text())
                    .isEqualTo(201);
            assertThat(appended.json().get("version").asLong()).isEqualTo(head + 1);
        }
    }

    @Test
    @Order(1)
    void givenTenantSignedUpOnNodeA_whenItsKeyIsUsedOnNodeB_thenNodeBServesTheFullApi() throws Exception {
        Tenant tenant = signUp(nodeA, "both");

        Reply whoami = call(nodeB, "GET", "/v1/whoami", tenant.key(), null);
        Reply artifact =
                call(nodeB, "POST", "/v1/artifacts", tenant.key(), json("title", "Made on B", "content", "v1"));
        Reply key = call(nodeB, "POST", "/v1/api-keys", tenant.key(), json("name", "made-on-b"));

        assertThat(whoami.status()).as(whoami.text()).isEqualTo(200);
        assertThat(whoami.json().at("/tenant/id").asText()).isEqualTo(tenant.id());
        assertThat(artifact.status()).as(artifact.text()).isEqualTo(201);
        assertThat(key.status()).as(key.text()).isEqualTo(201);
        // B runs every view's segments, so its own writes are in its views when it answers.
        Reply keys = call(nodeB, "GET", "/v1/api-keys", tenant.key(), null);
        assertThat(keys.status()).as(keys.text()).isEqualTo(200);
        assertThat(keys.json().get("items").findValuesAsText("id"))
                .contains(tenant.keyId(), key.json().get("id").asText());
        Reply read =
                call(nodeA, "GET", "/v1/artifacts/" + artifact.json().get("id").asText(), tenant.key(), null);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void givenAPersonSignedInThroughNodeA_whenTheySignOutThroughNodeB_thenNodeARefusesTheSessionToo() {
        Browser browser = new Browser(nodeA.uri("").toString());
        provider.nextSignIn("sub-multinode", "multi@example.com", true, "Multi Node");
        Browser.Page login = browser.get("/auth/login");
        assertThat(login.status()).as(login.body()).isEqualTo(302);
        Browser.Page back = browser.get(login.location().orElseThrow());
        Browser.Page welcome = browser.get(back.location().orElseThrow());
        assertThat(welcome.status()).as(welcome.body()).isEqualTo(201);
        // Cookies belong to the host, not the port: the same browser presents the session to both nodes.
        String onB = nodeB.uri("/auth/session").toString();
        Browser.Page session = browser.getJson(onB);
        assertThat(session.status()).as(session.body()).isEqualTo(200);

        Browser.Page out = browser.post(
                nodeB.uri("/auth/logout").toString(),
                "",
                "X-CSRF-Token",
                session.json().get("csrfToken").asText());

        assertThat(out.status()).as(out.body()).isEqualTo(204);
        Browser thief = new Browser(nodeA.uri("").toString());
        thief.setCookie(
                "artifacta_session",
                browser.cookie("artifacta_session").map(c -> c.getValue()).orElse("gone"));
        for (Node node : new Node[] {nodeA, nodeB}) {
            assertThat(thief.getJson(node.uri("/auth/session").toString()).status())
                    .as("signed out, on %s", node.name())
                    .isEqualTo(401);
        }
    }

    @Test
    @Order(2)
    void givenAnAgentWithAKey_whenDisabledOnOneNode_thenBothNodesRefuseTheKey_untilEnabledOnTheOther()
            throws Exception {
        Tenant tenant = signUp(nodeA, "agent");
        Reply agent = call(nodeA, "POST", "/v1/agents", tenant.key(), json("name", "nightly-bot"));
        assertThat(agent.status()).as(agent.text()).isEqualTo(201);
        String agentId = agent.json().get("id").asText();
        Reply created = call(
                nodeB,
                "POST",
                "/v1/api-keys",
                tenant.key(),
                "{\"name\":\"bot key\",\"scopes\":[\"artifacts:read\"],\"identity\":{\"type\":\"agent\",\"agentId\":\""
                        + agentId + "\"}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String key = created.json().get("key").asText();
        assertThat(call(nodeA, "GET", "/v1/whoami", key, null).status()).isEqualTo(200);

        Reply disabled = call(nodeA, "POST", "/v1/agents/" + agentId + "/disable", tenant.key(), null);

        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        for (Node node : new Node[] {nodeB, nodeA}) {
            Reply refused = call(node, "GET", "/v1/whoami", key, null);
            assertThat(refused.status())
                    .as("on %s: %s", node.name(), refused.text())
                    .isEqualTo(401);
        }
        assertThat(call(nodeB, "POST", "/v1/agents/" + agentId + "/enable", tenant.key(), null)
                        .status())
                .isEqualTo(200);
        for (Node node : new Node[] {nodeA, nodeB}) {
            assertThat(call(node, "GET", "/v1/whoami", key, null).status())
                    .as("enabled, on %s", node.name())
                    .isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void givenAnAgentKeyServedFromBothNodesCaches_whenTheAgentIsMadeViewerOnOne_thenTheOtherRefusesItsWritesAtOnce()
            throws Exception {
        Tenant tenant = signUp(nodeA, "downgrade");
        Reply agent = call(nodeA, "POST", "/v1/agents", tenant.key(), json("name", "writer-bot", "role", "editor"));
        assertThat(agent.status()).as(agent.text()).isEqualTo(201);
        String agentId = agent.json().get("id").asText();
        Reply created = call(
                nodeB,
                "POST",
                "/v1/api-keys",
                tenant.key(),
                "{\"name\":\"writer key\",\"scopes\":[\"artifacts:read\",\"artifacts:create\"],"
                        + "\"identity\":{\"type\":\"agent\",\"agentId\":\"" + agentId + "\"}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String key = created.json().get("key").asText();
        double hitsBefore = cacheHits(nodeB);
        for (int i = 0; i < 3; i++) {
            for (Node node : new Node[] {nodeA, nodeB}) {
                assertThat(call(node, "GET", "/v1/whoami", key, null).status()).isEqualTo(200);
            }
        }
        assertThat(cacheHits(nodeB)).as("node B answers the key from its cache").isGreaterThan(hitsBefore);
        Reply writes = call(nodeB, "POST", "/v1/artifacts", key, json("title", "Before", "content", "v1"));
        assertThat(writes.status()).as(writes.text()).isEqualTo(201);

        Reply downgraded = call(nodeA, "PATCH", "/v1/agents/" + agentId, tenant.key(), json("role", "viewer"));
        Reply refused = call(nodeB, "POST", "/v1/artifacts", key, json("title", "After", "content", "v1"));

        assertThat(downgraded.status()).as(downgraded.text()).isEqualTo(200);
        assertThat(refused.status())
                .as("made viewer through A, writing through B right after: %s", refused.text())
                .isEqualTo(403);
    }

    /** How many keyed requests the node answered from its credential cache (its Prometheus metrics). */
    private double cacheHits(Node node) throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(node.uri("/metrics"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body()
                .lines()
                .filter(line ->
                        line.startsWith("artifacta_auth_credential_cache_total") && line.contains("result=\"hit\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    @Order(2)
    void givenKeyCreatedOnOneNode_whenRenamedAndRevokedThere_thenTheOtherNodeShowsTheNameAndRefusesTheKey()
            throws Exception {
        Tenant tenant = signUp(nodeA, "revoke");
        for (Node[] pair : new Node[][] {{nodeA, nodeB}, {nodeB, nodeA}}) {
            Node issuer = pair[0];
            Node other = pair[1];
            Reply created = call(issuer, "POST", "/v1/api-keys", tenant.key(), json("name", "via-" + issuer.name()));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String key = created.json().get("key").asText();
            String keyId = created.json().get("id").asText();
            assertThat(call(other, "GET", "/v1/whoami", key, null).status()).isEqualTo(200);
            Reply renamed = call(
                    issuer, "PATCH", "/v1/api-keys/" + keyId, tenant.key(), json("name", "renamed-" + issuer.name()));
            assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
            assertThat(renamed.json().path("name").asText()).as(renamed.text()).isEqualTo("renamed-" + issuer.name());
            assertThat(call(other, "GET", "/v1/api-keys/" + keyId, tenant.key(), null)
                            .text())
                    .contains("renamed-" + issuer.name());

            Reply revoked = call(issuer, "DELETE", "/v1/api-keys/" + keyId, tenant.key(), null);
            Reply next = call(other, "GET", "/v1/whoami", key, null);

            // Neither node runs every segment of the key list: each answer must still show the
            // change just made, not the row from before it, nor a 404.
            assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
            assertThat(revoked.json().path("revokedAt").isTextual())
                    .as(revoked.text())
                    .isTrue();
            assertThat(next.status())
                    .as("revoked through %s, used on %s: %s", issuer.name(), other.name(), next.text())
                    .isEqualTo(401);
        }
    }

    @Test
    @Order(3)
    void givenARebuildRunningOnNodeA_whenNodeBIsAskedToRebuildTheSameView_thenItRefusesUntilTheFirstHasFinished()
            throws Exception {
        signUp(nodeA, "rebuild");
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                // The audit view reads each batch of a rebuild's load's retention windows from this
                // table, so the rebuild's first pass waits here with its copy claimed.
                statement.execute("LOCK TABLE tenant_registry IN ACCESS EXCLUSIVE MODE");
            }
            Reply started = call(nodeA, "POST", "/admin/v1/projections/audit-log/rebuild", ADMIN_TOKEN, null);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            awaitUntil("node A claims the copy's segments", Duration.ofSeconds(30), () -> copyClaimedFreshlyBy(nodeA));

            Reply refused = call(nodeB, "POST", "/admin/v1/projections/audit-log/rebuild", ADMIN_TOKEN, null);
            // Longer than a claim lives: node A keeps its claims fresh while its batch waits.
            Thread.sleep(CLAIM_TIMEOUT.multipliedBy(2).toMillis());
            boolean stillClaimed = copyClaimedFreshlyBy(nodeA);
            Reply refusedLater = call(nodeB, "POST", "/admin/v1/projections/all/rebuild", ADMIN_TOKEN, null);
            lock.rollback();

            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.json().path("detail").asText()).contains("on another node");
            assertThat(stillClaimed)
                    .as("node A's claims after twice the claim timeout")
                    .isTrue();
            assertThat(refusedLater.status()).as(refusedLater.text()).isEqualTo(409);
        }
        awaitUntil("node A's rebuild completes", Duration.ofSeconds(60), () -> rebuildFinished(nodeA, "audit-log"));
        assertThat(rebuildStatus(nodeA, "audit-log")).isEqualTo("completed");

        Reply afterwards = call(nodeB, "POST", "/admin/v1/projections/audit-log/rebuild", ADMIN_TOKEN, null);
        assertThat(afterwards.status()).as(afterwards.text()).isEqualTo(202);
        awaitUntil("node B's rebuild completes", Duration.ofSeconds(60), () -> rebuildFinished(nodeB, "audit-log"));
        assertThat(rebuildStatus(nodeB, "audit-log")).isEqualTo("completed");
    }

    /** Whether every token row of the audit view's copy is claimed by {@code node}, within the claim timeout. */
    private boolean copyClaimedFreshlyBy(Node node) throws SQLException {
        try (Connection c = connect();
                Statement statement = c.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT owner, timestamp FROM token_entry WHERE processor_name = 'audit-log@rebuild'")) {
            int claimed = 0;
            while (rows.next()) {
                String owner = rows.getString(1);
                Instant at = Instant.parse(rows.getString(2));
                if (owner == null
                        || !owner.startsWith(node.process().pid() + "@")
                        || at.isBefore(Instant.now().minus(CLAIM_TIMEOUT))) {
                    return false;
                }
                claimed++;
            }
            return claimed == COPY_SEGMENTS;
        }
    }

    private String rebuildStatus(Node node, String view) throws IOException, InterruptedException {
        Reply reply = call(node, "GET", "/admin/v1/projections/" + view, ADMIN_TOKEN, null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json().at("/rebuild/status").asText();
    }

    private boolean rebuildFinished(Node node, String view) throws IOException, InterruptedException {
        String status = rebuildStatus(node, view);
        return "completed".equals(status) || "failed".equals(status);
    }

    @Test
    @Order(4)
    void givenLoadOnBothNodes_whenNodeBIsKilled_thenNodeATakesOverEverySegmentAndTheViewsMatchTheEvents()
            throws Exception {
        Tenant first = signUp(nodeA, "load-a");
        Tenant second = signUp(nodeB, "load-b");
        List<String> artifacts = new ArrayList<>();
        for (int i = 0; i < LOAD_THREADS; i++) {
            Tenant owner = i % 2 == 0 ? first : second;
            Reply created =
                    call(nodeA, "POST", "/v1/artifacts", owner.key(), json("title", "Load " + i, "content", "0"));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            artifacts.add(created.json().get("id").asText());
        }
        // Appends check the artifact in the heads view, which node B writes: wait until it shows them.
        awaitUntil("the views reach the head before the load", Duration.ofSeconds(30), () -> segmentsAtHead(null));
        assertThat(tokens())
                .as("both nodes hold segments before the kill")
                .anyMatch(nodeB::owns)
                .anyMatch(nodeA::owns);

        AtomicInteger done = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong loadEndedAt = new AtomicLong();
        AtomicInteger refusedByB = new AtomicInteger();
        AtomicInteger servedByAAfterKill = new AtomicInteger();
        Map<String, AtomicInteger> outcomes = new ConcurrentSkipListMap<>();
        long loadDeadline = System.nanoTime() + LOAD_TIME_LIMIT.toNanos();
        ExecutorService load = Executors.newFixedThreadPool(LOAD_THREADS);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < LOAD_THREADS; t++) {
                int thread = t;
                Tenant tenant = thread % 2 == 0 ? first : second;
                String artifact = artifacts.get(thread);
                workers.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < OPERATIONS_PER_THREAD && System.nanoTime() < loadDeadline; i++) {
                                Node target = (i + thread) % 2 == 0 ? nodeA : nodeB;
                                String body = i % 3 == 2
                                        ? json("name", "load-" + thread + "-" + i)
                                        : json("content", "thread " + thread + " op " + i);
                                String path = i % 3 == 2 ? "/v1/api-keys" : "/v1/artifacts/" + artifact + "/versions";
                                try {
                                    Reply reply = call(target, "POST", path, tenant.key(), body);
                                    if (killedAt.get() != 0 && target == nodeA && reply.status() == 201) {
                                        servedByAAfterKill.incrementAndGet();
                                    }
                                    outcomes.computeIfAbsent(
                                                    target.name() + " " + reply.status(), k -> new AtomicInteger())
                                            .incrementAndGet();
                                } catch (IOException unreachable) {
                                    if (target == nodeB && killedAt.get() != 0) {
                                        refusedByB.incrementAndGet();
                                    }
                                    outcomes.computeIfAbsent(target.name() + " unreachable", k -> new AtomicInteger())
                                            .incrementAndGet();
                                } catch (InterruptedException stopped) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                                done.incrementAndGet();
                            }
                            loadEndedAt.accumulateAndGet(System.nanoTime(), Math::max);
                        },
                        load));
            }
            // Kill while the load runs: a third of it before, the rest after.
            awaitUntil(
                    "a third of the load has run",
                    Duration.ofSeconds(60),
                    () -> done.get() >= LOAD_THREADS * OPERATIONS_PER_THREAD / 3);
            long killed = nodeB.kill();
            killedAt.set(killed);

            awaitUntil("node A owns every segment", TAKE_OVER_BOUND, () -> tokens().stream()
                    .allMatch(nodeA::owns));
            Duration claimed = Duration.ofNanos(System.nanoTime() - killed);
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
                    .get(LOAD_TIME_LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
            Duration loadEnded = Duration.ofNanos(loadEndedAt.get() - killed);
            awaitUntil("node A's views reach the head", TAKE_OVER_BOUND, () -> segmentsAtHead(nodeA));
            Duration takeOver = Duration.ofNanos(System.nanoTime() - killed);

            System.out.printf(
                    "MultiNodeIT take-over (claim timeout %s, token claim interval %s): node A owned every segment %d ms after the kill,"
                            + " the load ended at %d ms, A's views were at the head at %d ms%n",
                    CLAIM_TIMEOUT, TOKEN_CLAIM_INTERVAL, claimed.toMillis(), loadEnded.toMillis(), takeOver.toMillis());
            System.out.println("MultiNodeIT load answers by node and status: " + outcomes);
            assertThat(takeOver).isLessThan(TAKE_OVER_BOUND);
            assertThat(refusedByB.get()).as("requests to the killed node fail").isPositive();
            assertThat(servedByAAfterKill.get())
                    .as("node A keeps serving after the kill")
                    .isPositive();
            assertThat(nodeA.process().isAlive()).isTrue();
        } finally {
            load.shutdownNow();
            load.awaitTermination(20, TimeUnit.SECONDS);
        }

        assertViewsMatchTheEvents();
    }

    /** Every streaming view holds exactly what the events imply, counted on the database itself. */
    private void assertViewsMatchTheEvents() throws SQLException {
        try (Connection c = connect()) {
            long events = count(c, "SELECT COUNT(*) FROM domain_event_entry");
            Map<String, Long> byType = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery(
                            "SELECT payload_type, COUNT(*) FROM domain_event_entry GROUP BY payload_type")) {
                while (rows.next()) {
                    byType.put(rows.getString(1).substring(EVENTS.length()), rows.getLong(2));
                }
            }
            System.out.printf("MultiNodeIT events: %d in all, by type %s%n", events, byType);
            long versions = byType.getOrDefault("ArtifactCreated", 0L)
                    + byType.getOrDefault("ArtifactVersionAppended", 0L)
                    + byType.getOrDefault("ArtifactRestored", 0L);

            assertThat(count(c, "SELECT COUNT(*) FROM audit_log"))
                    .as("audit entries")
                    .isEqualTo(events);
            assertThat(count(c, "SELECT COUNT(*) FROM artifact_versions"))
                    .as("artifact versions")
                    .isEqualTo(versions);
            assertThat(count(c, "SELECT COUNT(*) FROM artifact_heads"))
                    .as("artifact heads")
                    .isEqualTo(byType.getOrDefault("ArtifactCreated", 0L));
            assertThat(count(c, "SELECT COUNT(*) FROM api_key_list"))
                    .as("listed keys")
                    .isEqualTo(byType.getOrDefault("ApiKeyCreated", 0L));
            assertThat(count(c, "SELECT COUNT(*) FROM api_key_list WHERE revoked_at IS NOT NULL"))
                    .as("listed revoked keys")
                    .isEqualTo(byType.getOrDefault("ApiKeyRevoked", 0L));
            assertThat(count(c, "SELECT COUNT(*) FROM project_list"))
                    .as("listed projects")
                    .isEqualTo(byType.getOrDefault("ProjectCreated", 0L));
            assertThat(count(c, "SELECT COUNT(*) FROM share_link_list"))
                    .as("listed share links")
                    .isEqualTo(byType.getOrDefault("ShareLinkCreated", 0L));

            // Each tenant's audit chain numbers its events 1..n in the order of the event stream:
            // a skipped event leaves a hole, one applied twice a repeat or a shift.
            assertThat(count(c, """
                            SELECT COUNT(*) FROM (
                              SELECT a.sequence,
                                     ROW_NUMBER() OVER (PARTITION BY a.tenant_id ORDER BY e.global_index) AS expected
                                FROM audit_log a JOIN domain_event_entry e ON e.event_identifier = a.event_id
                            ) chain WHERE sequence <> expected"""))
                    .as("audit entries out of their tenant's stream order")
                    .isZero();
            assertThat(count(c, """
                            SELECT COUNT(*) FROM (
                              SELECT convert_from(payload, 'UTF8')::jsonb ->> 'tenantId' AS tenant_id, COUNT(*) AS n
                                FROM domain_event_entry GROUP BY 1
                            ) e FULL JOIN audit_tenant t ON t.tenant_id = e.tenant_id
                             WHERE t.last_sequence IS DISTINCT FROM e.n"""))
                    .as("tenants whose audit head differs from their event count")
                    .isZero();
            // A head moves once per version event: its number is how many it has.
            assertThat(count(c, """
                            SELECT COUNT(*) FROM artifact_heads h
                             WHERE h.head_version <> (
                               SELECT COUNT(*) FROM domain_event_entry e
                                WHERE e.aggregate_identifier = h.artifact_id
                                  AND e.payload_type IN ('%sArtifactCreated', '%<sArtifactVersionAppended',
                                                         '%<sArtifactRestored'))""".formatted(EVENTS)))
                    .as("artifact heads whose version differs from their version events")
                    .isZero();
        }
    }

    // --- nodes ----------------------------------------------------------------------------------

    /** One server process on a free loopback port, its output in a file under server/target. */
    private record Node(String name, int port, Process process, Path log) {

        static Node start(String name, Path jar, Map<String, String> db, Map<String, String> oidc, Path log)
                throws IOException {
            int port = freePort();
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(
                            java,
                            "-Xmx384m",
                            "-Ddisable-axoniq-console-message=true",
                            "-Dartifacta.processors.claim-timeout=" + CLAIM_TIMEOUT.toSeconds() + "s",
                            "-Dartifacta.processors.token-claim-interval=" + TOKEN_CLAIM_INTERVAL.toMillis() + "ms",
                            // Two nodes share a view only if it has a segment for each.
                            "-Dartifacta.processors.segments=" + SEGMENTS_PER_VIEW,
                            // The load creates more keys and requests than the free plan allows.
                            "-Dartifacta.plans.free.max-active-keys=1000",
                            "-Dartifacta.plans.free.monthly-requests=1000000",
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("ARTIFACTA_DB_URL", db.get("datasources.default.url"));
            env.put("ARTIFACTA_DB_USER", db.get("datasources.default.username"));
            env.put("ARTIFACTA_DB_PASSWORD", db.get("datasources.default.password"));
            env.put("ARTIFACTA_DB_MIGRATION_USER", db.get("artifacta.database.migration-user"));
            env.put("ARTIFACTA_DB_MIGRATION_PASSWORD", db.get("artifacta.database.migration-password"));
            env.put("ARTIFACTA_PORT", Integer.toString(port));
            env.put("ARTIFACTA_ADMIN_TOKEN", ADMIN_TOKEN);
            env.put("ARTIFACTA_OIDC_ISSUER", oidc.get("artifacta.auth.oidc.issuer"));
            env.put("ARTIFACTA_OIDC_CLIENT_ID", oidc.get("artifacta.auth.oidc.client-id"));
            env.put("ARTIFACTA_OIDC_CLIENT_SECRET", oidc.get("artifacta.auth.oidc.client-secret"));
            return new Node(name, port, builder.start(), log);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** Axon's token owner is the JVM's name, {@code pid@host}. */
        boolean owns(Token token) {
            return token.owner() != null && token.owner().startsWith(process.pid() + "@");
        }

        void awaitHealthy(HttpClient http, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "no answer";
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError(
                            "node " + name + " exited with " + process.exitValue() + " while starting");
                }
                try {
                    HttpResponse<String> health = http.send(
                            HttpRequest.newBuilder(uri("/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    last = health.statusCode() + " " + health.body();
                    if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                        return;
                    }
                } catch (IOException notYet) {
                    last = notYet.toString();
                }
                Thread.sleep(250);
            }
            throw new AssertionError("node " + name + " not healthy within " + timeout + " (" + last + ")");
        }

        /** SIGKILL (what {@code destroyForcibly} sends on Linux); returns when it was sent, in nanos. */
        long kill() throws InterruptedException {
            long at = System.nanoTime();
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("node " + name + " survived SIGKILL");
            }
            return at;
        }

        void destroy() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** The last lines of the node's output, for failure messages. */
        String tail() {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long start = Math.max(0, file.length() - 6000);
                byte[] bytes = new byte[(int) (file.length() - start)];
                file.seek(start);
                file.readFully(bytes);
                return "--- tail of " + log + " ---\n" + new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    private void destroyNodes() {
        for (Node node : new Node[] {nodeA, nodeB}) {
            if (node != null) {
                node.destroy();
            }
        }
        if (provider != null) {
            provider.close();
            provider = null;
        }
    }

    // --- HTTP -------------------------------------------------------------------------------------

    private record Tenant(String id, String key, String keyId) {}

    private record Reply(int status, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }

    private Tenant signUp(Node node, String prefix) throws IOException, InterruptedException {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply reply =
                call(node, "POST", "/v1/signup", null, json("tenant", name, "email", "owner@" + name + ".example"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        JsonNode body = reply.json();
        return new Tenant(
                body.at("/tenant/id").asText(),
                body.at("/apiKey/key").asText(),
                body.at("/apiKey/id").asText());
    }

    /**
     * One request, with any extra headers as name, value pairs; a node that is down answers with an
     * {@link IOException} (connection refused or reset).
     */
    private Reply call(Node node, String method, String path, String key, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpRequest sent = request.build();
        HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
        Contract.check(sent, body, response, response.body().getBytes(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body());
    }

    private static String json(String... fieldsAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            node.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return node.toString();
    }

    // --- database ---------------------------------------------------------------------------------

    /** A segment's claim and position, straight from {@code token_entry}. */
    private record Token(String processor, int segment, String owner, long position) {}

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                db.get("datasources.default.url"),
                db.get("datasources.default.username"),
                db.get("datasources.default.password"));
    }

    /** Whether every view's segments are held by both nodes (none unclaimed). */
    private boolean segmentsSplit() throws SQLException, IOException {
        List<Token> tokens = tokens();
        if (tokens.size() != expectedSegments()) {
            return false;
        }
        Map<String, List<Token>> byProcessor = new LinkedHashMap<>();
        for (Token token : tokens) {
            byProcessor
                    .computeIfAbsent(token.processor(), k -> new ArrayList<>())
                    .add(token);
        }
        return byProcessor.values().stream()
                .allMatch(held ->
                        held.stream().anyMatch(nodeA::owns) && held.stream().anyMatch(nodeB::owns));
    }

    private static int expectedSegments() {
        return EXPECTED_SEGMENTS;
    }

    /** Segments per view the nodes are started with ({@code artifacta.processors.segments}). */
    private static final int SEGMENTS_PER_VIEW = 2;

    private static final int EXPECTED_SEGMENTS = countSegments();

    private static int countSegments() {
        // Every streaming view the query side declares, a segment for each node.
        long views = new com.tngtech.archunit.core.importer.ClassFileImporter()
                        .withImportOption(
                                com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.artifacta.query")
                        .stream()
                        .filter(type -> type.isAnnotatedWith(dev.artifacta.query.infrastructure.StreamingView.class))
                        .count();
        return Math.toIntExact(views * SEGMENTS_PER_VIEW);
    }

    private List<Token> tokens() throws SQLException, IOException {
        List<Token> tokens = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(
                        "SELECT processor_name, segment, owner, token, token_type FROM token_entry ORDER BY 1, 2")) {
            while (rows.next()) {
                tokens.add(new Token(
                        rows.getString(1),
                        rows.getInt(2),
                        rows.getString(3),
                        position(rows.getBytes(4), rows.getString(5))));
            }
        }
        return tokens;
    }

    /**
     * A stored token's position. The server stores gap-aware tokens as Jackson JSON whose
     * {@code index} is the highest global index applied; no token yet means nothing applied.
     */
    private static long position(byte[] token, String type) throws IOException {
        if (token == null) {
            return 0;
        }
        assertThat(type).as("token type").endsWith("GapAwareTrackingToken");
        return JSON.readTree(token).get("index").asLong();
    }

    /** Whether every segment is at the head of the event store (and, given a node, owned by it). */
    private boolean segmentsAtHead(Node owner) throws SQLException, IOException {
        long head;
        try (Connection c = connect()) {
            head = count(c, "SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry");
        }
        List<Token> tokens = tokens();
        return tokens.size() == expectedSegments()
                && tokens.stream().allMatch(t -> t.position() >= head && (owner == null || owner.owns(t)));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // --- waiting ----------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private void awaitUntil(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    private String tails() {
        StringBuilder tails = new StringBuilder();
        for (Node node : new Node[] {nodeA, nodeB}) {
            if (node != null) {
                tails.append(node.tail()).append('\n');
            }
        }
        return tails.toString();
    }

    /** Failsafe runs in the module's directory; the repository root holds server/. */
    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("server/src"))) {
                return p;
            }
        }
        throw new AssertionError("no server/ above " + dir);
    }
}
