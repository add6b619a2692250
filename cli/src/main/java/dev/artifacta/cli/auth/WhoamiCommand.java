package dev.artifacta.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import picocli.CommandLine.Command;

/** {@code artifacta whoami}: tenant, plan, key and usage, as GET /v1/whoami answers. */
@Command(
        name = "whoami",
        mixinStandardHelpOptions = true,
        description = "Show the tenant, plan, key (redacted) and usage of the key in use.")
public final class WhoamiCommand extends ApiCommand {

    @Override
    public Integer call() {
        Output out = output();
        JsonNode whoami = api().get("/v1/whoami");
        if (out.json()) {
            out.json(whoami);
            return ExitCodes.OK;
        }
        JsonNode requests = whoami.path("usage").path("requests");
        JsonNode storage = whoami.path("usage").path("storage");
        var fields = Output.fields();
        fields.put("Tenant", Json.text(whoami, "tenant", "name"));
        fields.put("Plan", Json.text(whoami, "tenant", "plan"));
        if (whoami.hasNonNull("key")) {
            fields.put(
                    "Key",
                    Json.text(whoami, "key", "prefix") + "…" + Json.text(whoami, "key", "last4") + " ("
                            + Json.text(whoami, "key", "name") + ")");
        }
        fields.put(
                "Acting as",
                Json.text(whoami, "principal", "actingFor", "type") + " "
                        + Json.text(whoami, "principal", "actingFor", "displayName") + ", role "
                        + Json.text(whoami, "principal", "role"));
        fields.put(
                "Usage",
                Output.number(requests.path("used").asLong()) + " / "
                        + Output.number(requests.path("limit").asLong()) + " requests this month");
        fields.put(
                "Storage",
                Output.bytes(storage.path("usedBytes").asLong()) + " / "
                        + Output.bytes(storage.path("limitBytes").asLong()));
        out.fields(fields);
        return ExitCodes.OK;
    }
}
