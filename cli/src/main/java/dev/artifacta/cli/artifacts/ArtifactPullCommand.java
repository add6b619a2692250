package dev.artifacta.cli.artifacts;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code artifacta artifact pull ID}: the raw content of the head (or {@code --version n}) to a
 * file or to stdout.
 */
@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        description = "Download an artifact's content (the head, or --version) to a file or stdout.")
public final class ArtifactPullCommand extends ApiCommand {

    @Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String id;

    @Option(names = "--version", paramLabel = "N", description = "a version number (default: the head)")
    Long version;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "write here (default, or -: stdout, the bytes only)")
    String outputFile;

    @Override
    public Integer call() throws IOException {
        Output out = output();
        // The head's number first, so the content read and the version reported are the same one.
        long wanted = version != null
                ? version
                : api().get(Artifacts.path(id)).path("version").asLong();
        var response =
                api().stream(Artifacts.path(id) + "/content" + ApiClient.query("version", String.valueOf(wanted)));
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (outputFile == null || outputFile.equals("-")) {
            out.out().flush();
            try (InputStream in = response.body()) {
                OutputStream stdout = new FileOutputStream(FileDescriptor.out);
                in.transferTo(stdout);
                stdout.flush();
            }
            return ExitCodes.OK;
        }
        Path target = Path.of(outputFile);
        long size;
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".artifacta-pull", ".tmp");
        try (InputStream in = response.body()) {
            size = Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new CliException(ExitCodes.ERROR, "cannot write " + target + ": " + e.getMessage());
        }
        if (out.json()) {
            out.json(Json.object()
                    .put("artifactId", id)
                    .put("version", wanted)
                    .put("file", target.toString())
                    .put("size", size)
                    .put("contentType", contentType));
        } else {
            out.line("Wrote version " + wanted + " of " + id + " to " + target + " (" + Output.bytes(size) + ")");
        }
        return ExitCodes.OK;
    }
}
