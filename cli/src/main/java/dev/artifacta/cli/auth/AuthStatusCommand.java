package dev.artifacta.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import dev.artifacta.cli.support.Settings;
import picocli.CommandLine.Command;

/** {@code artifacta auth status}: which key is used, where it comes from, and whether it works. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the key in use (redacted), where it comes from, and check it with the server.")
public final class AuthStatusCommand extends ApiCommand {

    @Override
    public Integer call() {
        Output out = output();
        Settings.Key key = settings().key();
        if (key == null) {
            throw new CliException(
                    ExitCodes.AUTHENTICATION, "not logged in: set ARTIFACTA_API_KEY or run `artifacta auth login`");
        }
        JsonNode whoami = api().get("/v1/whoami");
        if (out.json()) {
            ObjectNode result = Json.object();
            result.put("authenticated", true);
            result.put("baseUrl", settings().baseUrl());
            result.put("source", key.source());
            result.put("key", Settings.redact(key.value()));
            result.set("tenant", whoami.path("tenant"));
            result.set("principal", whoami.path("principal"));
            out.json(result);
            return ExitCodes.OK;
        }
        var fields = Output.fields();
        fields.put("Server", settings().baseUrl());
        fields.put("Key", Settings.redact(key.value()) + "  (" + Json.text(whoami, "key", "name") + ")");
        fields.put("From", key.source());
        fields.put("Tenant", Json.text(whoami, "tenant", "name"));
        fields.put(
                "Acting as",
                Json.text(whoami, "principal", "actingFor", "displayName") + " ("
                        + Json.text(whoami, "principal", "role") + ")");
        out.fields(fields);
        return ExitCodes.OK;
    }
}
