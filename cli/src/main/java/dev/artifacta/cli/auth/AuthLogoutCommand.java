package dev.artifacta.cli.auth;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.ConfigFile;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import dev.artifacta.cli.support.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * {@code artifacta auth logout}: forgets the stored key. The key itself stays valid on the server:
 * {@code artifacta keys revoke} ends it.
 */
@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description = "Remove the stored key from the config file (it stays valid: `keys revoke` ends it).")
public final class AuthLogoutCommand extends ApiCommand {

    @Override
    public Integer call() {
        Output out = output();
        Path file = Settings.configPath();
        ConfigFile.Values values = settings().config();
        boolean removed = values.apiKey() != null;
        if (removed) {
            ConfigFile.write(file, values.withApiKey(null));
        }
        String envName = Settings.envName("ARTIFACTA_API_KEY", "AGENT_ARTIFACTS_TOKEN");
        if (envName != null) {
            out.warn(envName + " is still set and still used");
        }
        if (out.json()) {
            out.json(Json.object().put("removed", removed).put("configFile", file.toString()));
        } else {
            out.line(removed ? "Removed the key from " + file : "No key stored in " + file);
        }
        return ExitCodes.OK;
    }
}
