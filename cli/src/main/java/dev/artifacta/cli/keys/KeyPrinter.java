package dev.artifacta.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;

/** One key, for people. */
final class KeyPrinter {

    private KeyPrinter() {}

    static void print(Output out, JsonNode key) {
        if (out.json()) {
            out.json(key);
            return;
        }
        var fields = Output.fields();
        fields.put("ID", Json.text(key, "id"));
        fields.put("Name", Json.text(key, "name"));
        fields.put("Description", Json.text(key, "description"));
        fields.put("Key", Json.text(key, "prefix") + "…" + Json.text(key, "last4"));
        fields.put("Scopes", String.join(",", Json.MAPPER.convertValue(key.path("scopes"), String[].class)));
        String identity = Json.text(key, "identity", "type") + " " + Json.text(key, "identity", "name");
        if (key.path("identity").hasNonNull("agentId")) {
            identity += " (agent " + Json.text(key, "identity", "agentId") + ")";
        }
        fields.put("Identity", identity);
        fields.put("Status", Json.text(key, "status"));
        fields.put("Created", Json.text(key, "createdAt") + " by " + Json.text(key, "createdBy", "displayName"));
        fields.put("Last used", Json.text(key, "lastUsedAt"));
        fields.put("Expires", Json.text(key, "expiresAt"));
        fields.put("Revoked", Json.text(key, "revokedAt"));
        out.fields(fields);
    }
}
