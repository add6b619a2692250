package dev.artifacta.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.ConfigFile;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import dev.artifacta.cli.support.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code artifacta auth login}: checks a key against the server and stores it in the config file
 * (mode 0600). The key comes from a hidden prompt, from stdin ({@code --key-stdin}), or from
 * {@code --key}, which works but leaves it in the process list and shell history.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = "Check an API key and store it in $XDG_CONFIG_HOME/artifacta/config.toml (mode 0600).")
public final class AuthLoginCommand extends ApiCommand {

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "the key (visible to other users in the process list: prefer --key-stdin)")
    String key;

    @Option(names = "--key-stdin", description = "read the key from the first line of stdin")
    boolean keyStdin;

    @Override
    public Integer call() {
        Output out = output();
        String secret = readKey(out);
        JsonNode whoami =
                new ApiClient(settings().baseUrl(), new Settings.Key(secret, "login"), out, false).get("/v1/whoami");

        Path file = Settings.configPath();
        ConfigFile.Values values = settings().config().withApiKey(secret);
        if (settings().explicitBaseUrl() != null) {
            values = values.withBaseUrl(settings().baseUrl());
        }
        ConfigFile.write(file, values);

        String envName = Settings.envName("ARTIFACTA_API_KEY", "AGENT_ARTIFACTS_TOKEN");
        if (envName != null) {
            out.warn(envName + " is set and takes precedence over the stored key");
        }
        if (out.json()) {
            ObjectNode result = Json.object();
            result.set("tenant", whoami.path("tenant"));
            result.put("key", Settings.redact(secret));
            result.put("baseUrl", settings().baseUrl());
            result.put("configFile", file.toString());
            out.json(result);
        } else {
            out.line("✓ Authenticated as tenant \"" + Json.text(whoami, "tenant", "name") + "\" (key "
                    + Settings.redact(secret) + ")");
            out.line("Stored in " + file);
        }
        return ExitCodes.OK;
    }

    private String readKey(Output out) {
        if (key != null && keyStdin) {
            throw new CliException(ExitCodes.USAGE, "give either --key or --key-stdin, not both");
        }
        if (key != null) {
            out.warn("--key leaves the key in the process list and shell history; prefer --key-stdin or"
                    + " ARTIFACTA_API_KEY");
            return requireNonBlank(key.strip());
        }
        if (keyStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return requireNonBlank(line == null ? "" : line.strip());
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "cannot read stdin: " + e.getMessage());
            }
        }
        return requireNonBlank(prompts()
                .secret("Enter your API key: ", "pass --key-stdin (or --key), or set ARTIFACTA_API_KEY instead"));
    }

    private static String requireNonBlank(String value) {
        if (value.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "the API key is empty");
        }
        return value;
    }
}
