package dev.artifacta.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ConfigFile;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import dev.artifacta.cli.support.Settings;
import dev.artifacta.cli.support.WriteCommand;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code artifacta signup}: creates a workspace with {@code POST /v1/signup} and stores its first
 * API key in the config file (mode 0600), as {@code auth login} would, so that the next command
 * just works. The key is printed once, the only time anyone sees it.
 */
@Command(
        name = "signup",
        mixinStandardHelpOptions = true,
        description = "Create a workspace and store its first API key (shown once) in the config file.")
public final class SignupCommand extends WriteCommand {

    @Option(
            names = "--workspace",
            required = true,
            paramLabel = "NAME",
            description = "the workspace's name (acme-corp)")
    String workspace;

    @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "the owner's email")
    String email;

    @Option(names = "--no-store", description = "print the key but do not store it in the config file")
    boolean noStore;

    @Override
    public Integer call() {
        Output out = output();
        ObjectNode body = Json.object();
        body.put("tenant", workspace);
        body.put("email", email);
        Optional<JsonNode> created =
                new ApiClient(settings().baseUrl(), null, out, dryRun()).write("POST", "/v1/signup", body);
        if (created.isEmpty()) {
            return ExitCodes.OK; // --dry-run: printed, not sent
        }
        JsonNode answer = created.get();
        String key = Json.text(answer, "apiKey", "key");
        Path file = Settings.configPath();
        if (!noStore) {
            ConfigFile.Values values = settings().config().withApiKey(key);
            if (settings().explicitBaseUrl() != null) {
                values = values.withBaseUrl(settings().baseUrl());
            }
            ConfigFile.write(file, values);
        }
        if (out.json()) {
            out.json(answer);
        } else {
            out.line("✓ Created workspace \"" + Json.text(answer, "tenant", "name") + "\" on the "
                    + Json.text(answer, "tenant", "plan") + " plan, owned by " + email);
            out.line("");
            out.line("  API key: " + key);
            out.line("");
            out.line("This is the only time the key is shown. "
                    + (noStore ? "Keep it in a secret store." : "It is stored in " + file + "."));
        }
        String envName = Settings.envName("ARTIFACTA_API_KEY", "AGENT_ARTIFACTS_TOKEN");
        if (envName != null && !noStore) {
            out.warn(envName + " is set and takes precedence over the stored key");
        }
        return ExitCodes.OK;
    }
}
