package dev.artifacta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.testing.Cli;
import dev.artifacta.cli.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth login/status/logout and whoami, run as the packaged jar against a real server. */
class AuthCommandsIT {

    static TestServer server;
    static TestServer.Tenant tenant;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() {
        server = TestServer.get();
        tenant = server.signUp("free");
    }

    private Cli cli() {
        return new Cli(home).env("ARTIFACTA_BASE_URL", server.baseUrl());
    }

    @Test
    void loginReadsTheKeyFromStdinAndStoresItInAConfigFileOnlyTheUserCanRead() throws Exception {
        Cli cli = cli();
        var login = cli.runWithInput(tenant.key() + "\n", "auth", "login", "--key-stdin")
                .ok();

        assertThat(login.stdout()).contains("Authenticated as tenant \"" + tenant.name() + "\"");
        assertThat(login.stdout() + login.stderr()).doesNotContain(tenant.key());
        Path config = cli.configFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(config)).contains("api_key = \"" + tenant.key() + "\"");

        JsonNode status = cli.run("auth", "status", "--format", "json").ok().json();
        assertThat(status.path("authenticated").asBoolean()).isTrue();
        assertThat(status.path("source").asText()).startsWith("config ");
        assertThat(status.path("tenant").path("name").asText()).isEqualTo(tenant.name());
        assertThat(status.path("key").asText()).startsWith("ak_live_…").hasSize("ak_live_…".length() + 4);

        JsonNode logout = cli.run("auth", "logout", "--format", "json").ok().json();
        assertThat(logout.path("removed").asBoolean()).isTrue();
        assertThat(Files.readString(config)).doesNotContain("api_key");
        cli.run("whoami").expectExit(ExitCodes.AUTHENTICATION);
    }

    @Test
    void signupCreatesAWorkspace_showsItsKeyOnce_andStoresItSoTheNextCommandWorks() throws Exception {
        Cli cli = cli();
        String workspace =
                "cli-signup-" + java.util.UUID.randomUUID().toString().substring(0, 8);

        var dryRun = cli.run("signup", "--workspace", workspace, "--email", "me@" + workspace + ".example", "--dry-run")
                .ok();
        assertThat(dryRun.stdout()).contains("POST").contains("/v1/signup");
        assertThat(Files.exists(cli.configFile()))
                .as("a dry run stores nothing")
                .isFalse();

        var signup = cli.run("signup", "--workspace", workspace, "--email", "me@" + workspace + ".example")
                .ok();

        assertThat(signup.stdout())
                .contains("Created workspace \"" + workspace + "\"")
                .contains("only time");
        String key = signup.stdout()
                .lines()
                .filter(line -> line.strip().startsWith("API key: "))
                .map(line -> line.strip().substring("API key: ".length()))
                .findFirst()
                .orElseThrow();
        assertThat(key).startsWith("ak_live_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile())))
                .isEqualTo("rw-------");
        JsonNode whoami = cli.run("whoami", "--format", "json").ok().json();
        assertThat(whoami.path("tenant").path("name").asText()).isEqualTo(workspace);
        assertThat(cli.run("whoami").ok().stdout()).doesNotContain(key);
    }

    @Test
    void givenNoXdgConfigHome_whenLoggingIn_thenTheKeyGoesUnderHomeAsTheShellSetsIt() {
        Cli cli = cli().env("XDG_CONFIG_HOME", null);

        cli.runWithInput(tenant.key() + "\n", "auth", "login", "--key-stdin").ok();

        assertThat(home.resolve(".config").resolve("artifacta").resolve("config.toml"))
                .exists();
        assertThat(cli.run("whoami", "--format", "json")
                        .ok()
                        .json()
                        .at("/tenant/name")
                        .asText())
                .isEqualTo(tenant.name());
    }

    @Test
    void loginWithKeyFlagWorksButWarnsThatTheKeyIsVisible() {
        var login = cli().run("auth", "login", "--key", tenant.key(), "--format", "json")
                .ok();

        assertThat(login.stderr()).contains("process list");
        assertThat(login.json().path("tenant").path("name").asText()).isEqualTo(tenant.name());
        assertThat(login.stdout()).doesNotContain(tenant.key());
    }

    @Test
    void noInputNeverPromptsAndFailsFastWithUsageStatus() {
        var flag = cli().run("auth", "login", "--no-input").expectExit(ExitCodes.USAGE);
        assertThat(flag.stderr()).contains("--no-input").contains("--key-stdin");

        var env = cli().env("ARTIFACTA_NO_INPUT", "1").run("auth", "login").expectExit(ExitCodes.USAGE);
        assertThat(env.stderr()).contains("--no-input");

        // Without a terminal (stdin closed) it does not wait for input either.
        cli().run("auth", "login").expectExit(ExitCodes.USAGE);
    }

    @Test
    void theEnvironmentKeyBeatsTheConfigFile() {
        TestServer.Tenant other = server.signUp("free");
        Cli cli = cli();
        cli.runWithInput(tenant.key(), "auth", "login", "--key-stdin").ok();

        JsonNode fromConfig = cli.run("whoami", "--format", "json").ok().json();
        assertThat(fromConfig.path("tenant").path("name").asText()).isEqualTo(tenant.name());

        JsonNode fromEnv = cli.env("ARTIFACTA_API_KEY", other.key())
                .run("whoami", "--format", "json")
                .ok()
                .json();
        assertThat(fromEnv.path("tenant").path("name").asText()).isEqualTo(other.name());

        // The aliases of the agent-artifacts pages work the same way.
        JsonNode fromAlias = new Cli(home)
                .env("AGENT_ARTIFACTS_BASE_URL", server.baseUrl())
                .env("AGENT_ARTIFACTS_TOKEN", other.key())
                .run("whoami", "--format", "json")
                .ok()
                .json();
        assertThat(fromAlias.path("tenant").path("name").asText()).isEqualTo(other.name());
    }

    @Test
    void whoamiShowsTenantPlanRedactedKeyUsageAndStorage() {
        Cli cli = Cli.withKey(home, server.baseUrl(), tenant.key());
        var table = cli.run("whoami").ok();
        assertThat(table.stdout())
                .contains("Tenant:")
                .contains(tenant.name())
                .contains("Plan:")
                .contains("free")
                .containsPattern("Key: +ak_live_\\w{4}…\\w{4}")
                .containsPattern("Usage: +[\\d,]+ / 10,000 requests this month")
                .contains("Storage:")
                .doesNotContain(tenant.key());

        JsonNode json = cli.run("whoami", "--format", "json").ok().json();
        assertThat(json.fieldNames()).toIterable().contains("principal", "tenant", "key", "usage");
        assertThat(json.path("usage").path("requests").path("limit").asLong()).isEqualTo(10_000);
    }

    @Test
    void anInvalidKeyEndsWithTheAuthenticationStatusAndTheProblemOnStderr() {
        var result = Cli.withKey(home, server.baseUrl(), "ak_live_" + "x".repeat(32))
                .run("whoami")
                .expectExit(ExitCodes.AUTHENTICATION);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("error: ").doesNotContain("x".repeat(32));
    }

    @Test
    void anUnreachableServerIsAnErrorNotAHang() {
        var result = Cli.withKey(home, "http://127.0.0.1:1", tenant.key())
                .run("whoami")
                .expectExit(ExitCodes.ERROR);
        assertThat(result.stderr()).contains("cannot reach http://127.0.0.1:1");
    }

    @Test
    void unknownOptionsAreUsageErrorsAndCompletionIsGenerated() {
        cli().run("keys", "list", "--no-such-option").expectExit(ExitCodes.USAGE);
        cli().run("keys").expectExit(ExitCodes.USAGE);

        var completion = cli().run("completion").ok();
        assertThat(completion.stdout())
                .contains("complete -F _complete_artifacta")
                .contains("artifacts")
                .contains("keys")
                .contains("--dry-run");
    }
}
