package dev.artifacta.cli.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;

/** Reads shared by the artifact commands. */
final class Artifacts {

    static final String[] COLUMNS = {
        "ID", "id",
        "TITLE", "title",
        "VERSION", "version",
        "TYPE", "contentType",
        "SIZE", "size",
        "PUBLIC", "publicView",
        "UPDATED", "updatedAt"
    };

    private Artifacts() {}

    /** Every artifact of a project (following nextCursor), up to {@code max} (0: all). */
    static ArrayNode list(ApiClient api, String project, int max) {
        ArrayNode all = Json.array();
        String cursor = null;
        do {
            JsonNode page =
                    api.get("/v1/artifacts" + ApiClient.query("project", project, "limit", "200", "cursor", cursor));
            for (JsonNode item : page.path("items")) {
                if (max > 0 && all.size() >= max) {
                    return all;
                }
                all.add(item);
            }
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    static String path(String id) {
        return "/v1/artifacts/" + ApiClient.segment(id);
    }

    static void print(Output out, JsonNode artifact) {
        if (out.json()) {
            out.json(artifact);
            return;
        }
        var fields = Output.fields();
        fields.put("ID", Json.text(artifact, "id"));
        fields.put("Title", Json.text(artifact, "title"));
        fields.put("Project", Json.text(artifact, "project"));
        fields.put("Version", Json.text(artifact, "version"));
        fields.put("Type", Json.text(artifact, "contentType"));
        fields.put("Size", Output.bytes(artifact.path("size").asLong()));
        fields.put("SHA-256", Json.text(artifact, "sha256"));
        fields.put("File name", Json.text(artifact, "fileName"));
        fields.put("Public view", Json.text(artifact, "publicView"));
        fields.put("Public edit", Json.text(artifact, "publicEdit"));
        fields.put("Created", Json.text(artifact, "createdAt") + " by " + Json.text(artifact, "createdBy"));
        fields.put("Updated", Json.text(artifact, "updatedAt"));
        out.fields(fields);
    }

    static void printVersion(Output out, JsonNode version) {
        if (out.json()) {
            out.json(version);
            return;
        }
        var fields = Output.fields();
        fields.put("Version", Json.text(version, "version"));
        fields.put("Restored from", Json.text(version, "restoredFrom"));
        fields.put("Type", Json.text(version, "contentType"));
        fields.put("Size", Output.bytes(version.path("size").asLong()));
        fields.put("SHA-256", Json.text(version, "sha256"));
        fields.put("Created", Json.text(version, "createdAt") + " by " + Json.text(version, "createdBy"));
        out.fields(fields);
    }
}
