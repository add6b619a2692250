package dev.artifacta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.testing.Cli;
import dev.artifacta.cli.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comments commands, run as the packaged jar against a real server. */
class CommentCommandsIT {

    static TestServer server;

    @TempDir
    Path home;

    Cli cli;
    String artifactId;

    @BeforeAll
    static void startServer() {
        server = TestServer.get();
    }

    @BeforeEach
    void anArtifact() throws Exception {
        cli = Cli.withKey(home, server.baseUrl(), server.signUp("free").key());
        Path notes = home.resolve("notes.md");
        Files.writeString(notes, "# Notes\n");
        artifactId = cli.run("push", "--file", notes.toString(), "--format", "json")
                .ok()
                .json()
                .path("artifactId")
                .asText();
    }

    @Test
    void givenAnArtifact_whenCommentedRepliedEditedAndDeleted_thenTheListFollows() {
        JsonNode comment = cli.run(
                        "comments",
                        "add",
                        artifactId,
                        "--body",
                        "Needs a summary.",
                        "--version",
                        "1",
                        "--format",
                        "json")
                .ok()
                .json();
        String commentId = comment.path("id").asText();
        assertThat(comment.path("version").asLong()).isEqualTo(1);
        JsonNode reply = cli.runWithInput(
                        "Added,\nsee version 2.\n",
                        "comments",
                        "reply",
                        artifactId,
                        commentId,
                        "--body-file",
                        "-",
                        "--format",
                        "json")
                .ok()
                .json();
        assertThat(reply.path("body").asText()).isEqualTo("Added,\nsee version 2.\n");
        cli.run("comments", "edit", artifactId, commentId, "--body", "Needs a short summary.")
                .ok();

        JsonNode listed =
                cli.run("comments", "list", artifactId, "--format", "json").ok().json();
        assertThat(listed.path("items")).hasSize(1);
        assertThat(listed.at("/items/0/body").asText()).isEqualTo("Needs a short summary.");
        assertThat(listed.at("/items/0/replies/0/id").asText())
                .isEqualTo(reply.path("id").asText());
        assertThat(cli.run("comments", "list", artifactId).ok().stdout())
                .contains("Needs a short summary.")
                .contains("↳ " + reply.path("id").asText());

        assertThat(cli.run("comments", "delete", artifactId, commentId, "--dry-run")
                        .ok()
                        .stdout())
                .contains("DELETE");
        assertThat(cli.run("comments", "list", artifactId, "--format", "json")
                        .ok()
                        .json()
                        .path("items"))
                .hasSize(1);
        cli.run("comments", "delete", artifactId, reply.path("id").asText()).ok();
        cli.run("comments", "delete", artifactId, commentId).ok();
        assertThat(cli.run("comments", "list", artifactId, "--format", "json")
                        .ok()
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void givenBadInput_whenCommenting_thenTheProblemIsExplained_andTheExitCodeSaysWhy() {
        var tooLong = cli.run("comments", "add", artifactId, "--body", "x".repeat(10_001));
        assertThat(tooLong.exitCode()).isNotZero();
        assertThat(tooLong.stderr()).contains("10000");

        var neither = cli.run("comments", "add", artifactId);
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);

        var missing = cli.run("comments", "edit", artifactId, "00000000-0000-4000-8000-000000000000", "--body", "x");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
