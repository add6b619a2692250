package dev.artifacta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.testing.Cli;
import dev.artifacta.cli.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** projects, push, artifact, share and access commands, run as the packaged jar against a real server. */
class ArtifactCommandsIT {

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
    void newTenant() {
        tenant = server.signUp("pro");
        cli = Cli.withKey(home, server.baseUrl(), tenant.key());
    }

    @Test
    void pushCreatesThenAppends_andArtifactCommandsReadCompareRestoreAndDelete() throws Exception {
        JsonNode project = cli.run("projects", "create", "--slug", "reports", "--name", "Reports", "--format", "json")
                .ok()
                .json();
        assertThat(project.path("slug").asText()).isEqualTo("reports");
        assertThat(cli.run("projects", "list", "--format", "json").ok().json().path("items"))
                .extracting(p -> p.path("slug").asText())
                .contains("default", "reports");

        Path report = home.resolve("report.md");
        Files.writeString(report, "# Report\nline 1\n");
        JsonNode created = cli.run("push", "--project-slug", "reports", "--file", report.toString(), "--format", "json")
                .ok()
                .json();
        assertThat(created.path("result").asText()).isEqualTo("created");
        assertThat(created.path("version").asLong()).isEqualTo(1);
        String id = created.path("artifactId").asText();

        Files.writeString(report, "# Report\nline 1\nline 2\n");
        JsonNode appended = cli.run(
                        "push", "--project-slug", "reports", "--file", report.toString(), "--format", "json")
                .ok()
                .json();
        assertThat(appended.path("result").asText()).isEqualTo("appended");
        assertThat(appended.path("artifactId").asText()).isEqualTo(id);
        assertThat(appended.path("version").asLong()).isEqualTo(2);

        JsonNode list = cli.run("artifact", "list", "--project-slug", "reports", "--format", "json")
                .ok()
                .json();
        assertThat(list.path("items")).hasSize(1);
        assertThat(cli.run("artifact", "list", "--project-slug", "reports").ok().stdout())
                .contains("report.md");

        JsonNode artifact =
                cli.run("artifact", "get", id, "--format", "json").ok().json();
        assertThat(artifact.path("version").asLong()).isEqualTo(2);
        assertThat(artifact.path("contentType").asText()).startsWith("text/markdown");

        assertThat(cli.run("artifact", "pull", id, "--version", "1").ok().stdout())
                .isEqualTo("# Report\nline 1\n");
        Path pulled = home.resolve("pulled.md");
        JsonNode pull = cli.run("artifact", "pull", id, "-o", pulled.toString(), "--format", "json")
                .ok()
                .json();
        assertThat(pull.path("version").asLong()).isEqualTo(2);
        assertThat(Files.readString(pulled)).isEqualTo("# Report\nline 1\nline 2\n");

        assertThat(cli.run("artifact", "versions", id, "--format", "json")
                        .ok()
                        .json()
                        .path("items"))
                .hasSize(2);
        assertThat(cli.run("artifact", "diff", id).ok().stdout()).contains("+line 2");
        JsonNode diff = cli.run("artifact", "diff", id, "--from", "1", "--to", "2", "--format", "json")
                .ok()
                .json();
        assertThat(diff.path("text").asBoolean()).isTrue();

        JsonNode restored = cli.run("artifact", "restore", id, "--version", "1", "--format", "json")
                .ok()
                .json();
        assertThat(restored.path("version").asLong()).isEqualTo(3);
        assertThat(restored.path("restoredFrom").asLong()).isEqualTo(1);

        cli.run("artifact", "delete", id).expectExit(ExitCodes.USAGE);
        cli.run("artifact", "delete", id, "--no-input").expectExit(ExitCodes.USAGE);
        JsonNode deleted = cli.run("artifact", "delete", id, "--yes", "--format", "json")
                .ok()
                .json();
        assertThat(deleted.path("deleted").asBoolean()).isTrue();
        var gone = cli.run("artifact", "get", id).expectExit(ExitCodes.NOT_FOUND);
        assertThat(gone.stderr()).startsWith("error: ").contains(id);
    }

    @Test
    void givenTheProductPagesCiExample_whenPushedWithTokenAndOwner_thenItLandsAndWarnsAboutTheToken() throws Exception {
        Path report = home.resolve("report.html");
        Files.writeString(report, "<h1>CI report</h1>", StandardCharsets.UTF_8);
        Cli noStoredKey = new Cli(Files.createDirectories(home.resolve("elsewhere")))
                .env("AGENT_ARTIFACTS_BASE_URL", server.baseUrl())
                .env("AGENT_ARTIFACTS_NO_INPUT", "1");

        var pushed = noStoredKey.run(
                "push",
                "--token",
                tenant.key(),
                "--owner",
                tenant.name(),
                "--project-slug",
                "ci",
                "--file",
                report.toString(),
                "--title",
                "CI report for abc123",
                "--private",
                "--format",
                "json");

        assertThat(pushed.ok().json().path("result").asText()).isEqualTo("created");
        assertThat(pushed.stderr())
                .contains("--token is visible")
                .contains("Created project 'ci'")
                .doesNotContain(tenant.key());
        var elsewhere = noStoredKey.run(
                "push", "--token", tenant.key(), "--owner", "someone-else", "--file", report.toString());
        assertThat(elsewhere.expectExit(ExitCodes.PERMISSION).stderr())
                .contains("someone-else")
                .contains(tenant.name())
                .doesNotContain(tenant.key());
    }

    @Test
    void binaryFilesTravelAsBase64AndComeBackByteForByte() throws Exception {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        Path blob = home.resolve("blob.bin");
        Files.write(blob, bytes);

        JsonNode plan = cli.run("push", "--file", blob.toString(), "--title", "Blob", "--dry-run", "--format", "json")
                .ok()
                .json();
        assertThat(plan.path("body").has("contentBase64")).isTrue();
        assertThat(plan.path("body").has("content")).isFalse();

        JsonNode pushed = cli.run("push", "--file", blob.toString(), "--title", "Blob", "--private", "--format", "json")
                .ok()
                .json();
        assertThat(pushed.path("contentType").asText()).isEqualTo("application/octet-stream");
        var pulled =
                cli.run("artifact", "pull", pushed.path("artifactId").asText()).ok();
        assertThat(pulled.stdoutBytes()).isEqualTo(bytes);
        assertThat(cli.run("artifact", "diff", pushed.path("artifactId").asText(), "--from", "1", "--to", "1")
                        .ok()
                        .stdout())
                .contains("identical");
    }

    @Test
    void pushDryRunSendsNothing() throws Exception {
        Path notes = home.resolve("notes.txt");
        Files.writeString(notes, "hello", StandardCharsets.UTF_8);
        var dry = cli.run("push", "--file", notes.toString(), "--dry-run").ok();
        assertThat(dry.stdout())
                .contains("POST " + server.baseUrl() + "/v1/artifacts")
                .contains("\"content\" : \"hello\"")
                .doesNotContain(tenant.key());
        assertThat(server.send("GET", "/v1/artifacts?project=default", tenant.key(), null)
                        .path("items"))
                .isEmpty();
        cli.run("push", "--file", home.resolve("missing.txt").toString()).expectExit(ExitCodes.USAGE);
        var newProject = cli.run("push", "--project-slug", "nope", "--file", notes.toString(), "--dry-run")
                .ok();
        assertThat(newProject.stdout())
                .contains("POST " + server.baseUrl() + "/v1/projects")
                .contains("POST " + server.baseUrl() + "/v1/artifacts");
        assertThat(server.send("GET", "/v1/projects", tenant.key(), null).toString())
                .doesNotContain("nope");
    }

    @Test
    void shareLinksShowTheirTokenOnlyOnCreation_andAccessSettingsChangeOnlyWhatIsGiven() throws Exception {
        Path page = home.resolve("page.html");
        Files.writeString(page, "<p>hi</p>");
        String id = cli.run("push", "--file", page.toString(), "--format", "json")
                .ok()
                .json()
                .path("artifactId")
                .asText();

        JsonNode link = cli.run(
                        "share",
                        "create",
                        "--artifact-id",
                        id,
                        "--role",
                        "viewer",
                        "--expires-at",
                        "2099-06-30T12:00:00.000Z",
                        "--format",
                        "json")
                .ok()
                .json();
        String token = link.path("token").asText();
        assertThat(token).startsWith("sl_live_");
        var listed = cli.run("share", "list", "--artifact-id", id, "--format", "json")
                .ok();
        assertThat(listed.json().path("items")).hasSize(1);
        assertThat(listed.stdout()).doesNotContain(token);

        JsonNode revoked = cli.run("share", "revoke", link.path("id").asText(), "--yes", "--format", "json")
                .ok()
                .json();
        assertThat(revoked.path("revoked").asBoolean()).isTrue();
        cli.run("share", "revoke", link.path("id").asText(), "--yes").expectExit(ExitCodes.CONFLICT);

        JsonNode access = cli.run("access", "get", "--artifact-id", id, "--format", "json")
                .ok()
                .json();
        assertThat(access.path("publicView").asBoolean()).isTrue();
        JsonNode changed = cli.run(
                        "access",
                        "set",
                        "--artifact-id",
                        id,
                        "--public-view",
                        "false",
                        "--viewer-emails",
                        "a@example.com,b@example.com",
                        "--format",
                        "json")
                .ok()
                .json();
        assertThat(changed.path("publicView").asBoolean()).isFalse();
        assertThat(changed.path("viewerEmails")).hasSize(2);
        JsonNode kept = cli.run("access", "set", "--artifact-id", id, "--public-view", "true", "--format", "json")
                .ok()
                .json();
        assertThat(kept.path("viewerEmails")).hasSize(2);

        var dry = cli.run("access", "set", "--artifact-id", id, "--public-view", "false", "--dry-run")
                .ok();
        assertThat(dry.stdout()).contains("PUT " + server.baseUrl() + "/v1/artifacts/" + id + "/access");
        assertThat(cli.run("access", "get", "--artifact-id", id).ok().stdout()).containsPattern("Public view: +true");
    }
}
