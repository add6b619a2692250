package dev.artifacta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.testing.Cli;
import dev.artifacta.cli.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keys and agents commands, run as the packaged jar against a real server. */
class KeyAndAgentCommandsIT {

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
        tenant = server.signUp("free");
        cli = Cli.withKey(home, server.baseUrl(), tenant.key());
    }

    private int activeKeys() {
        return server.send("GET", "/v1/api-keys", tenant.key(), null)
                .path("items")
                .size();
    }

    @Test
    void keyLifecycle_createShowsTheSecretOnce_listGetRenameRevokeNeverDo() {
        var create = cli.run("keys", "create", "--name", "ci", "--description", "CI Pipeline", "--format", "json")
                .ok();
        JsonNode created = create.json();
        String secret = created.path("key").asText();
        String id = created.path("id").asText();
        assertThat(secret).startsWith("ak_live_");
        assertThat(created.path("scopes"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("artifacts:read", "artifacts:create", "artifacts:update", "comments:write");
        assertThat(created.path("identity").path("type").asText()).isEqualTo("user");

        var table = cli.run("keys", "create", "--name", "ci-2", "--scopes", "artifacts:read")
                .ok();
        assertThat(table.stdout()).containsPattern("Secret: +ak_live_\\w{32}");

        var list = cli.run("keys", "list", "--format", "json").ok();
        assertThat(list.json().path("items")).hasSize(3);
        assertThat(list.stdout()).doesNotContain(secret);
        assertThat(cli.run("keys", "list").ok().stdout()).contains("ci-2").doesNotContain(secret);

        JsonNode got = cli.run("keys", "get", id, "--format", "json").ok().json();
        assertThat(got.path("name").asText()).isEqualTo("ci");
        assertThat(got.has("key")).isFalse();

        JsonNode renamed = cli.run("keys", "rename", id, "--name", "ci-renamed", "--format", "json")
                .ok()
                .json();
        assertThat(renamed.path("name").asText()).isEqualTo("ci-renamed");

        cli.run("keys", "revoke", id).expectExit(ExitCodes.USAGE); // no terminal to confirm on
        JsonNode revoked =
                cli.run("keys", "revoke", id, "--yes", "--format", "json").ok().json();
        assertThat(revoked.path("status").asText()).isEqualTo("revoked");
        assertThat(revoked.has("key")).isFalse();

        var again = cli.run("keys", "revoke", id, "--yes").expectExit(ExitCodes.CONFLICT);
        assertThat(again.stderr()).startsWith("error: ").contains("revoked");
        cli.run("keys", "get", "00000000-0000-0000-0000-000000000000").expectExit(ExitCodes.NOT_FOUND);
    }

    @Test
    void dryRunPrintsTheRequestWithTheKeyRedactedAndSendsNothing() {
        int before = activeKeys();
        long auditBefore = server.send("GET", "/v1/audit-events?limit=200", tenant.key(), null)
                .path("items")
                .size();

        var table = cli.run("keys", "create", "--name", "dry", "--dry-run").ok();
        assertThat(table.stdout())
                .contains("POST " + server.baseUrl() + "/v1/api-keys")
                .contains("Authorization: Bearer ak_live_…")
                .contains("\"name\" : \"dry\"")
                .doesNotContain(tenant.key());

        JsonNode plan = cli.run(
                        "keys",
                        "create",
                        "--name",
                        "dry",
                        "--scopes",
                        "artifacts:read",
                        "--dry-run",
                        "--format",
                        "json")
                .ok()
                .json();
        assertThat(plan.path("dryRun").asBoolean()).isTrue();
        assertThat(plan.path("method").asText()).isEqualTo("POST");
        assertThat(plan.path("url").asText()).isEqualTo(server.baseUrl() + "/v1/api-keys");
        assertThat(plan.path("headers").path("Authorization").asText()).isEqualTo("Bearer ak_live_…");
        assertThat(plan.path("body").path("scopes").get(0).asText()).isEqualTo("artifacts:read");

        String someKey = server.send("GET", "/v1/api-keys", tenant.key(), null)
                .path("items")
                .get(0)
                .path("id")
                .asText();
        cli.run("keys", "revoke", someKey, "--dry-run").ok();
        cli.run("keys", "rename", someKey, "--name", "x", "--dry-run").ok();
        cli.run("agents", "create", "--name", "dry-agent", "--dry-run").ok();

        assertThat(activeKeys()).isEqualTo(before);
        assertThat(server.send("GET", "/v1/agents", tenant.key(), null).path("items"))
                .isEmpty();
        assertThat(server.send("GET", "/v1/audit-events?limit=200", tenant.key(), null)
                        .path("items")
                        .size())
                .isEqualTo(auditBefore);
    }

    @Test
    void agentLifecycle_andAKeyActingAsTheAgent() {
        JsonNode agent = cli.run("agents", "create", "--name", "deploy-bot", "--role", "viewer", "--format", "json")
                .ok()
                .json();
        String id = agent.path("id").asText();
        assertThat(agent.path("role").asText()).isEqualTo("viewer");

        assertThat(cli.run("agents", "list", "--format", "json").ok().json().path("items"))
                .hasSize(1);
        assertThat(cli.run("agents", "list").ok().stdout()).contains("deploy-bot");
        assertThat(cli.run("agents", "get", id, "--format", "json")
                        .ok()
                        .json()
                        .path("name")
                        .asText())
                .isEqualTo("deploy-bot");
        assertThat(cli.run("agents", "rename", id, "--name", "release-bot", "--format", "json")
                        .ok()
                        .json()
                        .path("name")
                        .asText())
                .isEqualTo("release-bot");
        assertThat(cli.run("agents", "set-role", id, "--role", "editor", "--format", "json")
                        .ok()
                        .json()
                        .path("role")
                        .asText())
                .isEqualTo("editor");

        JsonNode key = cli.run("keys", "create", "--name", "bot", "--identity", "agent:" + id, "--format", "json")
                .ok()
                .json();
        assertThat(key.path("identity").path("type").asText()).isEqualTo("agent");
        assertThat(key.path("identity").path("agentId").asText()).isEqualTo(id);
        Cli asAgent = Cli.withKey(home, server.baseUrl(), key.path("key").asText());
        asAgent.run("projects", "list").ok();

        assertThat(cli.run("agents", "disable", id, "--format", "json")
                        .ok()
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("disabled");
        asAgent.run("projects", "list").expectExit(ExitCodes.AUTHENTICATION);
        assertThat(cli.run("agents", "enable", id, "--format", "json")
                        .ok()
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("active");
        asAgent.run("projects", "list").ok();

        cli.run("keys", "create", "--name", "bad", "--identity", "someone").expectExit(ExitCodes.USAGE);
    }

    @Test
    void aKeyWithoutTheScopeGetsThePermissionStatus() {
        String limited = server.send(
                        "POST",
                        "/v1/api-keys",
                        tenant.key(),
                        "{\"name\":\"read-only\",\"scopes\":[\"artifacts:read\"]}")
                .path("key")
                .asText();
        var result =
                Cli.withKey(home, server.baseUrl(), limited).run("keys", "list").expectExit(ExitCodes.PERMISSION);
        assertThat(result.stderr()).contains("agents:manage");
    }
}
