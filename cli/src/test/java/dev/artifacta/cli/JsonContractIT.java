package dev.artifacta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.testing.Cli;
import dev.artifacta.cli.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents the CLI makes itself (not the API's, which the OpenAPI test guards) have exactly the
 * top-level fields docs/cli.md's "JSON output" table gives them: code and docs cannot drift apart.
 */
class JsonContractIT {

    static TestServer server;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() {
        server = TestServer.get();
    }

    @Test
    void theDocumentsTheCliMakesMatchDocsCliMd() throws Exception {
        Map<String, Set<String>> documented = documentedShapes();
        TestServer.Tenant tenant = server.signUp("pro");
        Cli cli = Cli.withKey(home, server.baseUrl(), tenant.key());
        Path file = home.resolve("notes.txt");
        Files.writeString(file, "hello\n");

        JsonNode push = cli.run("push", "--file", file.toString(), "--format", "json")
                .ok()
                .json();
        String id = push.path("artifactId").asText();
        Map<String, JsonNode> actual = new HashMap<>();
        actual.put("push", push);
        actual.put(
                "artifact pull -o FILE",
                cli.run("artifact", "pull", id, "-o", home.resolve("out.txt").toString(), "--format", "json")
                        .ok()
                        .json());
        actual.put(
                "any command with --dry-run",
                cli.run("keys", "create", "--name", "x", "--dry-run", "--format", "json")
                        .ok()
                        .json());
        actual.put(
                "access get, access set",
                cli.run("access", "get", "--artifact-id", id, "--format", "json")
                        .ok()
                        .json());
        String link = cli.run("share", "create", "--artifact-id", id, "--role", "viewer", "--format", "json")
                .ok()
                .json()
                .path("id")
                .asText();
        actual.put(
                "share revoke",
                cli.run("share", "revoke", link, "--yes", "--format", "json")
                        .ok()
                        .json());
        Path export = home.resolve("audit.jsonl");
        cli.run("audit", "export", "-o", export.toString()).ok();
        actual.put(
                "audit verify",
                cli.run("audit", "verify", export.toString(), "--format", "json")
                        .ok()
                        .json());
        actual.put(
                "artifact delete",
                cli.run("artifact", "delete", id, "--yes", "--format", "json")
                        .ok()
                        .json());

        Cli loggedIn = new Cli(home).env("ARTIFACTA_BASE_URL", server.baseUrl());
        actual.put(
                "auth login",
                loggedIn.runWithInput(tenant.key(), "auth", "login", "--key-stdin", "--format", "json")
                        .ok()
                        .json());
        actual.put(
                "auth status",
                loggedIn.run("auth", "status", "--format", "json").ok().json());
        actual.put(
                "auth logout",
                loggedIn.run("auth", "logout", "--format", "json").ok().json());

        for (var entry : actual.entrySet()) {
            assertThat(documented)
                    .as("docs/cli.md documents %s", entry.getKey())
                    .containsKey(entry.getKey());
            Set<String> fields = new TreeSet<>();
            entry.getValue().fieldNames().forEachRemaining(fields::add);
            Set<String> expected = new TreeSet<>(documented.get(entry.getKey()));
            // Content-Type is present only when a body is.
            expected.remove("Content-Type?");
            assertThat(fields).as("fields of %s", entry.getKey()).isEqualTo(expected);
        }
    }

    /** Rows of the "JSON output" table whose document is written as {field, field: ..., ...}. */
    private static Map<String, Set<String>> documentedShapes() throws IOException {
        Path doc = Path.of(System.getProperty("artifacta.docs", "../docs")).resolve("cli.md");
        List<String> lines = Files.readAllLines(doc);
        Map<String, Set<String>> shapes = new HashMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## JSON output");
                continue;
            }
            if (!inSection || !line.startsWith("| ")) {
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|");
            String command = cells[1].strip().replace("`", "");
            String document = cells[2].strip();
            if (!document.startsWith("`{")) {
                continue;
            }
            shapes.put(command, topLevelFields(document.substring(1, document.indexOf('`', 1))));
        }
        return shapes;
    }

    private static Set<String> topLevelFields(String document) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : document.substring(1, document.length() - 1).toCharArray()) {
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        Set<String> fields = new TreeSet<>();
        for (String part : parts) {
            String name = part.split(":")[0].strip();
            if (!name.isEmpty()) {
                fields.add(name);
            }
        }
        return fields;
    }
}
