package dev.artifacta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.testing.Cli;
import dev.artifacta.cli.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit search, export and verify, run as the packaged jar against a real server. */
class AuditCommandsIT {

    static TestServer server;

    @TempDir
    Path home;

    TestServer.Tenant tenant;
    Cli cli;

    @BeforeAll
    static void startServer() {
        server = TestServer.get();
    }

    @BeforeEach
    void tenantWithSomeHistory() {
        tenant = server.signUp("free");
        cli = Cli.withKey(home, server.baseUrl(), tenant.key());
        for (String name : List.of("ci", "nightly", "deploy")) {
            cli.run("keys", "create", "--name", name).ok();
        }
        String ci = null;
        for (JsonNode key :
                server.send("GET", "/v1/api-keys", tenant.key(), null).path("items")) {
            if (key.path("name").asText().equals("ci")) {
                ci = key.path("id").asText();
            }
        }
        cli.run("keys", "rename", ci, "--name", ci.substring(0, 8)).ok();
    }

    @Test
    void searchFollowsEveryPageAndFilters() {
        JsonNode all = cli.run("audit", "search", "--page-size", "2", "--format", "json")
                .ok()
                .json();
        JsonNode oneRequest = server.send("GET", "/v1/audit-events?limit=200", tenant.key(), null);
        assertThat(all.path("items").size())
                .isEqualTo(oneRequest.path("items").size())
                .isGreaterThan(4);
        assertThat(all.has("nextCursor")).isFalse();

        JsonNode created = cli.run("audit", "search", "--action", "api_key.created", "--format", "json")
                .ok()
                .json();
        assertThat(created.path("items")).hasSize(4); // the signup's key and ours
        JsonNode prefix = cli.run("audit", "search", "--action", "api_key.", "--since", "1h", "--format", "json")
                .ok()
                .json();
        assertThat(prefix.path("items").size()).isGreaterThanOrEqualTo(4);
        JsonNode byKey = cli.run(
                        "audit",
                        "search",
                        "--key-name",
                        "Default key",
                        "--actor",
                        "api_key",
                        "--resource",
                        "api_key",
                        "--limit",
                        "2",
                        "--format",
                        "json")
                .ok()
                .json();
        assertThat(byKey.path("items")).hasSize(2);
        assertThat(cli.run("audit", "search", "--until", "2000-01-01", "--format", "json")
                        .ok()
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(cli.run("audit", "search", "--action", "api_key.created")
                        .ok()
                        .stdout())
                .contains("TIME")
                .contains("api_key.created");
        cli.run("audit", "search", "--since", "yesterday").expectExit(ExitCodes.USAGE);
    }

    @Test
    void exportStreamsToAFileThatVerifiesOffline_andATamperedOneDoesNot() throws Exception {
        Path jsonl = home.resolve("audit.jsonl");
        cli.run("audit", "export", "-o", jsonl.toString()).ok();
        assertThat(Files.readAllLines(jsonl).getLast()).startsWith("{\"checkpoint\"");
        Path key = home.resolve("signing-key.json");
        Files.writeString(
                key,
                server.send("GET", "/v1/audit-events/signing-key", tenant.key(), null)
                        .toString());

        JsonNode verified = cli.run(
                        "audit", "verify", jsonl.toString(), "--public-key", key.toString(), "--format", "json")
                .ok()
                .json();
        assertThat(verified.path("ok").asBoolean()).isTrue();
        assertThat(verified.path("count").asLong()).isGreaterThan(4);
        assertThat(verified.path("tenantId").asText()).isEqualTo(tenant.id());

        Path csv = home.resolve("audit.csv");
        cli.run("audit", "export", "--format", "csv", "-o", csv.toString()).ok();
        assertThat(home.resolve("audit.csv.checkpoint.json")).exists();
        assertThat(cli.run("audit", "verify", csv.toString(), "-k", key.toString())
                        .ok()
                        .stdout())
                .startsWith("OK: ");
        // Without --public-key the key is fetched from the server (with a warning).
        assertThat(cli.run("audit", "verify", csv.toString()).ok().stderr()).contains("--public-key");

        List<String> lines = Files.readAllLines(jsonl);
        int entry = 0;
        while (!lines.get(entry).contains("owner@")) {
            entry++;
        }
        lines.set(entry, lines.get(entry).replaceFirst("owner@", "intruder@"));
        Path tampered = home.resolve("tampered.jsonl");
        Files.write(tampered, lines);
        var failed = cli.run("audit", "verify", tampered.toString(), "-k", key.toString())
                .expectExit(ExitCodes.NOT_VERIFIED);
        assertThat(failed.stdout()).startsWith("FAILED: ");

        var stdout = cli.run("audit", "export", "--format", "jsonl").ok();
        assertThat(stdout.stdout().lines().count()).isEqualTo(lines.size());
        cli.run("audit", "export", "--format", "xml", "-o", csv.toString()).expectExit(ExitCodes.USAGE);
    }
}
