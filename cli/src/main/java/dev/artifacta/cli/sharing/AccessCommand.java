package dev.artifacta.cli.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import picocli.CommandLine.Command;

/** {@code artifacta access}: an artifact's public switches and email allowlist. */
@Command(
        name = "access",
        mixinStandardHelpOptions = true,
        description = "Read and change an artifact's access settings.",
        subcommands = {AccessGetCommand.class, AccessSetCommand.class})
public final class AccessCommand {

    static String path(String artifactId) {
        return "/v1/artifacts/" + ApiClient.segment(artifactId) + "/access";
    }

    static void print(Output out, JsonNode access) {
        if (out.json()) {
            out.json(access);
            return;
        }
        var fields = Output.fields();
        fields.put("Public view", Json.text(access, "publicView"));
        fields.put("Public edit", Json.text(access, "publicEdit"));
        StringBuilder emails = new StringBuilder();
        access.path("viewerEmails")
                .forEach(email -> emails.append(emails.isEmpty() ? "" : ", ").append(email.asText()));
        fields.put("Viewer emails", emails.isEmpty() ? "(none)" : emails.toString());
        out.fields(fields);
    }
}
