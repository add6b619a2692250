package dev.artifacta.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.auth.Sessions;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Browser;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a check that runs by default: with {@code -Dartifacta.console.timing.rows=N}
 * (for example 1000000) it loads N audit entries for one workspace straight into the audit view, as
 * {@code bench/audit_rows.sql} does (indexes dropped, rows inserted, indexes rebuilt from their
 * Flyway definitions, then ANALYZE and VACUUM), but written by the workspace's real keys, and times
 * each console page with curl and the session cookie (time to first byte on loopback, median of 5
 * after one warm-up). The figures go to {@code target/console-timing.txt} with the plans of the
 * activity chart's queries; docs/console.md quotes them.
 *
 * <p>{@code bin/test -pl server -am -Dit.test=ConsolePagesOverALargeAuditLogIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dartifacta.console.timing.rows=1000000}
 */
@MicronautTest(transactional = false)
class ConsolePagesOverALargeAuditLogIT extends ApiTest {

    private static final int KEYS = 10;
    private static final int RUNS = 5;

    @Inject
    EmbeddedServer server;

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Value("${artifacta.database.migration-user}")
    String ownerUser;

    @Value("${artifacta.database.migration-password}")
    String ownerPassword;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("artifacta.auth.dev-sign-in", "true");
    }

    @Test
    void consolePagesOverALargeAuditLog() throws Exception {
        long rows = Long.getLong("artifacta.console.timing.rows", 0);
        assumeTrue(rows > 0, "set -Dartifacta.console.timing.rows=N to measure");
        String base = server.getURL().toString();
        Browser http = new Browser(base);
        Browser.Page first = http.postForm("/auth/dev/login", "email=timing@example.com&name=Timing");
        Matcher secret = Pattern.compile("ak_live_[A-Za-z0-9]{32}")
                .matcher(http.follow(first).body());
        assertThat(secret.find()).isTrue();
        String key = secret.group();
        String session = http.cookie(Sessions.COOKIE).orElseThrow().getValue();
        String tenant =
                json(http, "GET", "/v1/whoami", key, null).at("/tenant/id").asText();
        var plan = http.send(
                "PUT",
                "/admin/v1/tenants/" + tenant + "/plan",
                "{\"plan\":\"team\"}",
                "Authorization",
                "Bearer " + ADMIN_TOKEN);
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        List<String> keyIds = new ArrayList<>();
        List<String> keyNames = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            String name = String.format(Locale.ROOT, "key-%03d", i);
            JsonNode created = json(http, "POST", "/v1/api-keys", key, "{\"name\":\"" + name + "\"}");
            keyIds.add(created.get("id").asText());
            keyNames.add(name);
        }

        StringBuilder report = new StringBuilder();
        long loadStarted = System.nanoTime();
        try (Connection owner = DriverManager.getConnection(databaseUrl, ownerUser, ownerPassword);
                Statement sql = owner.createStatement()) {
            long baseSequence =
                    single(sql, "SELECT COALESCE(MAX(sequence), 0) FROM audit_log WHERE tenant_id = '" + tenant + "'");
            sql.execute(Files.readString(bench("audit_rows_prepare.sql")));
            String ids = array(keyIds);
            String names = array(keyNames);
            // bench/audit_rows.sql's rows, written by the workspace's own keys (so the per-key chart
            // and the key page count real keys), spread over the last 300 days.
            sql.execute("INSERT INTO audit_log (event_id, tenant_id, sequence, previous_hash, hash, occurred_at,"
                    + " action, actor_type, actor_id, actor_display_name, actor_key_id, actor_key_name,"
                    + " actor_identity_type, actor_identity_name, resource_type, resource_id, request_id,"
                    + " client_address, user_agent, details)"
                    + " SELECT 'timing-' || g, '" + tenant + "', " + baseSequence + " + g, repeat('0', 64),"
                    + " repeat('0', 64), now() - interval '300 days' + (interval '300 days' / " + rows + ") * g,"
                    + " (ARRAY['artifact.version_appended', 'artifact.created', 'api_key.created',"
                    + " 'artifact.restored'])[1 + g % 4], 'api_key', (" + ids + ")[1 + g % " + KEYS + "],"
                    + " 'API Key: ' || (" + names + ")[1 + g % " + KEYS + "], (" + ids + ")[1 + g % " + KEYS
                    + "], (" + names + ")[1 + g % " + KEYS + "], 'user', 'timing@example.com', 'artifact',"
                    + " md5((g % 10000)::text)::uuid::text, 'req-' || g, '10.0.0.1', 'curl', '{\"version\":1}'"
                    + " FROM generate_series(1, " + rows + ") AS g");
            // The view's chain continues after the loaded rows.
            sql.execute("UPDATE audit_tenant SET last_sequence = " + (baseSequence + rows)
                    + ", last_hash = repeat('0', 64), last_occurred_at = now() WHERE tenant_id = '" + tenant + "'");
            List<String> definitions = new ArrayList<>();
            try (ResultSet defs = sql.executeQuery("SELECT indexdef FROM bench_audit_indexes")) {
                while (defs.next()) {
                    definitions.add(defs.getString(1));
                }
            }
            sql.execute("SET maintenance_work_mem = '256MB'");
            for (String definition : definitions) {
                sql.execute(definition);
            }
            sql.execute("DROP TABLE bench_audit_indexes");
            sql.execute("VACUUM ANALYZE audit_log");
            report.append(String.format(
                    Locale.ROOT,
                    "Loaded %,d audit entries for one workspace (%d keys) in %.0f s; %,d rows in audit_log.%n",
                    rows,
                    KEYS,
                    (System.nanoTime() - loadStarted) / 1e9,
                    single(sql, "SELECT count(*) FROM audit_log")));
        }

        String keyPage = "/console/audit?key=" + keyIds.get(4);
        List<String> pages = List.of(
                "/console",
                "/console/keys",
                "/console/audit",
                "/console/audit?keyName=key-004",
                "/console/audit?action=artifact.restored",
                keyPage,
                "/console/agents",
                "/console/members");
        report.append(String.format(Locale.ROOT, "%-45s %10s %10s %8s%n", "page", "median ms", "max ms", "status"));
        for (String page : pages) {
            curl(base + page, session);
            double[] times = new double[RUNS];
            String status = "";
            for (int i = 0; i < RUNS; i++) {
                String[] answer = curl(base + page, session).split(" ");
                status = answer[0];
                times[i] = Double.parseDouble(answer[1]) * 1000;
            }
            Arrays.sort(times);
            report.append(String.format(
                    Locale.ROOT, "%-45s %10.1f %10.1f %8s%n", page, times[RUNS / 2], times[RUNS - 1], status));
        }

        // The loaded rows carry placeholder hashes: the chain status must say so.
        String audit = http.get("/console/audit").body();
        assertThat(audit).contains("Not verified").contains("does not match its content");
        report.append("\nChain status on /console/audit: ")
                .append(audit.replaceAll("(?s).*<strong>(Not verified)</strong>:\\s*<span>([^<]*)</span>.*", "$1: $2")
                        .replace("&#39;", "'"))
                .append('\n');

        try (Connection owner = DriverManager.getConnection(databaseUrl, ownerUser, ownerPassword);
                Statement sql = owner.createStatement()) {
            report.append("\nThe activity chart's queries:\n");
            explain(
                    sql,
                    report,
                    "SELECT sequence FROM audit_log WHERE tenant_id = '" + tenant
                            + "' AND occurred_at >= now() - interval '3 days' ORDER BY occurred_at ASC, sequence ASC LIMIT 1");
            long last = single(sql, "SELECT max(sequence) FROM audit_log WHERE tenant_id = '" + tenant + "'");
            explain(
                    sql,
                    report,
                    "SELECT count(*) FROM (SELECT 1 FROM audit_log WHERE tenant_id = '" + tenant
                            + "' AND actor_key_id = '" + keyIds.get(4) + "' AND sequence >= " + (last - rows * 14 / 300)
                            + " AND sequence <= " + last + " LIMIT 10000) AS capped");
        }
        try (Connection owner = DriverManager.getConnection(databaseUrl, ownerUser, ownerPassword);
                Statement sql = owner.createStatement()) {
            // The test database stays until a later run drops it: not with gigabytes of rows in it.
            sql.execute("TRUNCATE audit_log");
        }
        System.out.println(report);
        Path out = Path.of("target", "console-timing.txt");
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
    }

    private static String curl(String url, String session) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder(
                        "curl",
                        "-s",
                        "-o",
                        "/dev/null",
                        "-w",
                        "%{http_code} %{time_starttransfer}",
                        "-b",
                        Sessions.COOKIE + "=" + session,
                        "-H",
                        "Accept: text/html",
                        url)
                .redirectErrorStream(true)
                .start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(curl.waitFor()).as(out).isZero();
        assertThat(out).as(url).startsWith("200 ");
        return out;
    }

    private static void explain(Statement sql, StringBuilder report, String query) throws SQLException {
        report.append(query).append('\n');
        try (ResultSet plan = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
            while (plan.next()) {
                report.append("  ").append(plan.getString(1)).append('\n');
            }
        }
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String array(List<String> values) {
        return "ARRAY['" + String.join("','", values) + "']";
    }

    private static Path bench(String file) {
        Path here = Path.of("").toAbsolutePath();
        Path candidate = here.resolve("bench").resolve(file);
        return Files.exists(candidate)
                ? candidate
                : here.getParent().resolve("bench").resolve(file);
    }

    private static JsonNode json(Browser http, String method, String path, String key, String body) {
        Browser.Page page = http.send(method, path, body, "Authorization", "Bearer " + key);
        assertThat(page.status()).as(path + ": " + page.body()).isLessThan(300);
        return page.json();
    }
}
