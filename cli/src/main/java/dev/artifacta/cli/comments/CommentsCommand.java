package dev.artifacta.cli.comments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code artifacta comments}: comments and replies on an artifact. */
@Command(
        name = "comments",
        mixinStandardHelpOptions = true,
        description = "List, add, reply to, edit and delete comments on an artifact.",
        subcommands = {
            CommentsListCommand.class,
            CommentsAddCommand.class,
            CommentsReplyCommand.class,
            CommentsEditCommand.class,
            CommentsDeleteCommand.class
        })
public final class CommentsCommand {

    static final String[] COLUMNS = {
        "ID", "id", "AUTHOR", "author.name", "VERSION", "version", "POSTED", "postedAt", "BODY", "body"
    };

    private CommentsCommand() {}

    static String path(String artifactId) {
        return "/v1/artifacts/" + ApiClient.segment(artifactId) + "/comments";
    }

    static String path(String artifactId, String commentId) {
        return path(artifactId) + "/" + ApiClient.segment(commentId);
    }

    /** The text from {@code --body}, or from {@code --body-file} ({@code -} reads standard input). */
    static String body(String body, String bodyFile, InputStream stdin) {
        if ((body == null) == (bodyFile == null)) {
            throw new CliException(ExitCodes.USAGE, "give the text with exactly one of --body and --body-file");
        }
        if (body != null) {
            return body;
        }
        try {
            byte[] bytes = bodyFile.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(bodyFile));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + bodyFile + ": " + e.getMessage());
        }
    }

    static void print(Output out, JsonNode comment) {
        if (out.json()) {
            out.json(comment);
            return;
        }
        var fields = Output.fields();
        fields.put("ID", Json.text(comment, "id"));
        fields.put("Artifact", Json.text(comment, "artifactId"));
        fields.put("Reply to", Json.text(comment, "parentId"));
        fields.put("Version", Json.text(comment, "version"));
        fields.put("Author", Json.text(comment, "author", "name") + " (" + Json.text(comment, "author", "type") + ")");
        fields.put("Posted", Json.text(comment, "postedAt"));
        fields.put("Edited", Json.text(comment, "editedAt"));
        fields.put("Body", Json.text(comment, "body"));
        out.fields(fields);
    }
}
