package dev.artifacta.cli.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import dev.artifacta.cli.support.Times;
import dev.artifacta.cli.support.WriteCommand;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artifacta share create}: the link's token is printed this once. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create a share link; its token is shown only in this output.")
public final class ShareCreateCommand extends WriteCommand {

    @Option(names = "--artifact-id", required = true, paramLabel = "ID", description = "the artifact to share")
    String artifactId;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer or editor")
    String role;

    @Option(names = "--expires-at", paramLabel = "TIME", description = "ISO-8601 instant; default: never")
    String expiresAt;

    @Override
    public Integer call() {
        ObjectNode body = Json.object().put("role", role);
        if (expiresAt != null) {
            body.put("expiresAt", Times.instant("--expires-at", expiresAt));
        }
        Optional<JsonNode> created =
                api().write("POST", "/v1/artifacts/" + ApiClient.segment(artifactId) + "/share-links", body);
        created.ifPresent(link -> {
            Output out = output();
            if (out.json()) {
                out.json(link);
                return;
            }
            var fields = Output.fields();
            fields.put("ID", Json.text(link, "id"));
            fields.put("Artifact", Json.text(link, "artifactId"));
            fields.put("Role", Json.text(link, "role"));
            fields.put("Expires", Json.text(link, "expiresAt"));
            String url = Json.text(link, "url");
            fields.put("URL", url.startsWith("/") ? api().baseUrl() + url : url);
            fields.put("Token", Json.text(link, "token"));
            out.fields(fields);
            out.note("Copy the link now: its token is never shown again.");
        });
        return ExitCodes.OK;
    }
}
