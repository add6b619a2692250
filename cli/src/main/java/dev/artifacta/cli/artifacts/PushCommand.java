package dev.artifacta.cli.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiException;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import dev.artifacta.cli.support.WriteCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code artifacta push}: uploads a file as a new artifact, or as the next version of the
 * project's artifact with the same title; a project that does not exist yet is created first. Under {@code --dry-run} it still reads the project's
 * artifacts (to know which request it would send) but writes nothing.
 */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = {
            "Upload a file: a new artifact, or a new version of the project's artifact with that title.",
            "Text (UTF-8) is sent as content, anything else as contentBase64."
        })
public final class PushCommand extends WriteCommand {

    @Option(names = "--project-slug", paramLabel = "SLUG", defaultValue = "default", description = "default: default")
    String project;

    @Option(
            names = "--owner",
            paramLabel = "WORKSPACE",
            description = "the workspace to push to; the key decides it, so this only checks that the key"
                    + " belongs to that workspace and fails before uploading when it does not")
    String owner;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the file to upload")
    Path file;

    @Option(names = "--title", description = "the artifact's title (default: the file name)")
    String title;

    @Option(names = "--private", description = "a new artifact is private (Pro and Team plans)")
    boolean makePrivate;

    @Option(
            names = "--content-type",
            paramLabel = "TYPE",
            description = "default: from the file extension, else text/plain for UTF-8 text, else"
                    + " application/octet-stream")
    String contentType;

    @Override
    public Integer call() {
        Output out = output();
        if (owner != null) {
            String workspace =
                    api().get("/v1/whoami").path("tenant").path("name").asText();
            if (!owner.equals(workspace)) {
                throw new CliException(
                        ExitCodes.PERMISSION,
                        "--owner " + owner + " names another workspace: this key belongs to '" + workspace
                                + "'. Use a key of " + owner + ", or leave --owner out.");
            }
        }
        ContentFile content = ContentFile.read(file, contentType);
        String artifactTitle = title != null ? title : content.fileName();
        Optional<JsonNode> existing = existing(out, artifactTitle);

        ObjectNode body = Json.object();
        Optional<JsonNode> answer;
        if (existing.isPresent()) {
            if (makePrivate) {
                out.warn("--private applies to new artifacts; change an existing one with `artifacta access set`");
            }
            content.into(body);
            String id = existing.get().path("id").asText();
            answer = api().write("POST", Artifacts.path(id) + "/versions", body)
                    .map(version -> result("appended", id, artifactTitle, version));
        } else {
            body.put("project", project).put("title", artifactTitle);
            content.into(body);
            if (makePrivate) {
                body.put("private", true);
            }
            answer = api().write("POST", "/v1/artifacts", body)
                    .map(artifact -> result("created", artifact.path("id").asText(), artifactTitle, artifact));
        }
        answer.ifPresent(result -> {
            if (out.json()) {
                out.json(result);
            } else {
                out.line((result.path("result").asText().equals("created")
                                ? "Created "
                                : "Appended version " + result.path("version").asLong() + " to ")
                        + "artifact " + result.path("artifactId").asText() + " (\"" + artifactTitle + "\", "
                        + Output.bytes(result.path("size").asLong()) + ")");
            }
        });
        return ExitCodes.OK;
    }

    private Optional<JsonNode> existing(Output out, String artifactTitle) {
        List<JsonNode> matches = new ArrayList<>();
        JsonNode artifacts;
        try {
            artifacts = Artifacts.list(api(), project, 0);
        } catch (ApiException missing) {
            if (missing.status() != 404) {
                throw missing;
            }
            // A CI job's first push to its project makes the project (artifacts:create covers both).
            api().write(
                            "POST",
                            "/v1/projects",
                            Json.object().put("slug", project).put("name", project))
                    .ifPresent(created -> out.note("Created project '" + project + "'"));
            return Optional.empty();
        }
        for (JsonNode artifact : artifacts) {
            if (artifactTitle.equals(artifact.path("title").asText())) {
                matches.add(artifact);
            }
        }
        if (matches.size() > 1) {
            out.warn(matches.size() + " artifacts in " + project + " are titled \"" + artifactTitle
                    + "\"; appending to the most recently updated");
        }
        return matches.stream()
                .max(Comparator.comparing(artifact -> artifact.path("updatedAt").asText()));
    }

    private ObjectNode result(String what, String artifactId, String artifactTitle, JsonNode version) {
        return Json.object()
                .put("result", what)
                .put("artifactId", artifactId)
                .put("project", project)
                .put("title", artifactTitle)
                .put("version", version.path("version").asLong())
                .put("contentType", version.path("contentType").asText())
                .put("size", version.path("size").asLong())
                .put("sha256", version.path("sha256").asText());
    }
}
