package dev.artifacta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.server.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code bench/run --quick} against the shaded jar that {@code package} built and the database
 * the suite uses, so the benchmark harness cannot rot: it must exit 0, print the table with every
 * scenario, and write its JSON. The figures are not asserted (the machine running the suite is
 * busy). Never hangs: after {@link #TIMEOUT_MINUTES} the run is stopped (SIGTERM, so it stops the
 * server and drops its database, then SIGKILL of whatever is left).
 */
class BenchQuickIT {

    private static final long TIMEOUT_MINUTES = 8;
    private static final List<String> SCENARIOS =
            List.of("write", "key create", "auth read", "audit query", "replay", "export", "memory");

    @Test
    void quickBenchmark_runsEveryScenario_printsTheTable_andWritesTheJson() throws Exception {
        Path root = repositoryRoot();
        Path jar = Path.of(System.getProperty(
                "artifacta.bench.jar",
                root.resolve("server/target/server-0.1.0-SNAPSHOT-all.jar").toString()));
        assumeTrue(Files.isRegularFile(jar), "the shaded server jar is missing (" + jar + "): run after package");
        assumeTrue(wrkObtainable(), "wrk is not installed and cannot be installed (not root or no apt-get)");

        // The suite's PostgreSQL, wherever it is (configured, Testcontainers or local): a fresh
        // database on it serves as the admin connection from which bench/run creates its own.
        Map<String, String> db = TestDatabase.freshPostgres();
        Path results = root.resolve("server/target/bench-results");
        Files.createDirectories(results);
        Path output = root.resolve("server/target/bench-quick.log");

        ProcessBuilder builder = new ProcessBuilder(
                        root.resolve("bench/run").toString(),
                        "--quick",
                        "--jar",
                        jar.toString(),
                        "--results",
                        results.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("ARTIFACTA_TEST_DB_URL", db.get("datasources.default.url"));
        // The admin role, which may create databases (the servers' restricted role may not).
        builder.environment().put("ARTIFACTA_TEST_DB_USER", db.get("artifacta.database.migration-user"));
        builder.environment().put("ARTIFACTA_TEST_DB_PASSWORD", db.get("artifacta.database.migration-password"));

        long started = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            stop(process);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(finished)
                .as("bench/run --quick finished within %d minutes", TIMEOUT_MINUTES)
                .isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", printed).isZero();
        assertThat(printed).contains("| scenario | measure | ours | limit | ratio | target | met? |");
        for (String scenario : SCENARIOS) {
            assertThat(printed).as("a table row for " + scenario).contains("| " + scenario + " |");
        }

        Path json = newestJson(results, started);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        for (String key : List.of(
                "timestamp", "mode", "duration_s", "settings", "machine", "scenario_seconds", "table", "scenarios")) {
            assertThat(report.has(key)).as("JSON key " + key).isTrue();
        }
        assertThat(report.get("mode").asText()).isEqualTo("quick");
        for (String scenario : List.of("write", "key_create", "auth_read", "replay", "memory")) {
            assertThat(report.get("scenarios").has(scenario))
                    .as("JSON scenario " + scenario)
                    .isTrue();
        }
        for (String scenario : List.of("audit query", "export")) {
            assertThat(rowsOf(report, scenario))
                    .as("JSON table rows for " + scenario)
                    .isNotEmpty();
        }
        // The replay rebuilt every view from the loaded events, well within the quick mode's
        // deadlines: each holds what the events imply (checks.ok is null when a run was cut off).
        JsonNode replay = report.get("scenarios").get("replay");
        assertThat(replay.get("checks").get("ok").asBoolean())
                .as("views after the replays: %s", replay.get("checks").get("rows_and_expected"))
                .isTrue();
        assertThat(replay.get("runs")
                        .get("audit-log")
                        .get("processors")
                        .get("audit-log")
                        .get("events_per_s")
                        .asDouble())
                .isPositive();
        assertThat(replay.get("runs")
                        .get("all")
                        .get("processors")
                        .get("audit-log")
                        .get("finished")
                        .asBoolean())
                .as("every view at once caught up before its deadline")
                .isTrue();
        // Every view was rebuilt through the admin endpoint, and the rebuilt view holds what the
        // events imply; the audit view's floor was measured.
        for (String view : List.of(
                "audit-log",
                "api-key-list",
                "project-list",
                "share-link-list",
                "artifact-heads",
                "artifact-versions")) {
            JsonNode rebuild = replay.get("rebuilds").get(view);
            assertThat(rebuild).as("a rebuild of " + view).isNotNull();
            assertThat(rebuild.get("finished").asBoolean()
                            && rebuild.get("rows_match").asBoolean())
                    .as("the rebuild of %s: %s", view, rebuild)
                    .isTrue();
        }
        assertThat(replay.get("audit_floor").get("events_per_s").asDouble()).isPositive();
        assertThat(rowsOf(report, "memory"))
                .noneMatch(row -> "pending".equals(row.get("status").asText()));
        JsonNode write16 = report.get("scenarios").get("write").get("clients_16");
        assertThat(write16.get("ours").get("rps").asDouble()).isPositive();
        assertThat(write16.get("limit").get("tps").asDouble()).isPositive();
        assertThat(write16.get("ours_settings").get("connections").asInt()).isEqualTo(16);
        assertThat(write16.get("limit_settings").get("clients").asInt()).isEqualTo(16);
        // Over many tenants, every append went with the key of its artifact's tenant: none refused.
        JsonNode writeTenants = report.get("scenarios").get("write").get("clients_16_tenants");
        assertThat(writeTenants.get("tenants").asInt()).isGreaterThan(1);
        assertThat(writeTenants.get("ours").get("rps").asDouble()).isPositive();
        assertThat(writeTenants.get("ours").get("non2xx").asInt())
                .as("answers outside 2xx: %s", writeTenants.get("ours").get("first_non2xx"))
                .isZero();
        assertThat(writeTenants.get("limit").get("tps").asDouble()).isPositive();
        assertThat(writeTenants.get("limit").get("failed").asInt()).isZero();
    }

    private static List<JsonNode> rowsOf(JsonNode report, String scenario) {
        List<JsonNode> rows = new ArrayList<>();
        report.get("table").forEach(row -> {
            if (scenario.equals(row.get("scenario").asText())) {
                rows.add(row);
            }
        });
        return rows;
    }

    private static Path newestJson(Path results, long startedNanos) throws IOException {
        long startedMillis =
                System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos) - 1000;
        try (Stream<Path> files = Files.list(results)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> p.toFile().lastModified() >= startedMillis)
                    .max((a, b) ->
                            Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("bench/run wrote no JSON into " + results));
        }
    }

    /** SIGTERM first (the harness then stops the server and drops its database), then SIGKILL. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean wrkObtainable() {
        return onPath("wrk") || (isRoot() && onPath("apt-get"));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static boolean isRoot() {
        try {
            Process id =
                    new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.waitFor(10, TimeUnit.SECONDS) && "0".equals(uid);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Failsafe runs in the module's directory; the repository root holds bench/run. */
    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bench/run"))) {
                return p;
            }
        }
        throw new AssertionError("no bench/run above " + dir);
    }
}
