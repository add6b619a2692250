package dev.artifacta.cli.comments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta comments list ARTIFACT_ID}: every comment, newest first, pages followed. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List an artifact's comments, newest first, each followed by its replies.")
public final class CommentsListCommand extends ApiCommand {

    @Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String artifactId;

    @Option(names = "--version", description = "only the comments about this version")
    Long version;

    @Override
    public Integer call() {
        ArrayNode items = Json.array();
        String cursor = null;
        do {
            JsonNode page = api().get(CommentsCommand.path(artifactId)
                    + ApiClient.query(
                            "version", version == null ? null : version.toString(), "limit", "200", "cursor", cursor));
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").isTextual()
                    ? page.path("nextCursor").asText()
                    : null;
        } while (cursor != null);
        if (output().json()) {
            output().json(Json.object().set("items", items));
            return ExitCodes.OK;
        }
        ArrayNode rows = Json.array();
        for (JsonNode comment : items) {
            rows.add(comment);
            comment.path("replies")
                    .forEach(reply -> rows.add(((com.fasterxml.jackson.databind.node.ObjectNode) reply.deepCopy())
                            .put("id", "  ↳ " + reply.path("id").asText())));
        }
        output().table(rows, CommentsCommand.COLUMNS);
        return ExitCodes.OK;
    }
}
