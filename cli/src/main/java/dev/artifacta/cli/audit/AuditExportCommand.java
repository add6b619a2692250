package dev.artifacta.cli.audit;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.ConnectedCommand;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import dev.artifacta.cli.support.OutputFormat;
import dev.artifacta.cli.support.Times;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code artifacta audit export}: streams GET /v1/audit-events/export to a file (or stdout), never
 * holding it in memory. Here {@code --format} is the file's format. A CSV export names its signed
 * checkpoint in a header: written to a file, the CLI saves that checkpoint beside it as
 * {@code FILE.checkpoint.json}, where {@code audit verify} finds it.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export the audit trail with its hash chain and signed checkpoint, streamed to a file.")
public final class AuditExportCommand extends ConnectedCommand {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "the file to write (default, or -: stdout)")
    String outputFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "jsonl (default) or csv")
    String format;

    @Option(names = "--since", paramLabel = "TIME", description = "from (inclusive): ISO-8601, a date, or an age (7d)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "to (exclusive), same forms")
    String until;

    @Override
    protected OutputFormat outputFormat() {
        return OutputFormat.TABLE;
    }

    @Override
    public Integer call() throws IOException {
        String fileFormat = format.toLowerCase(Locale.ROOT);
        if (!fileFormat.equals("jsonl") && !fileFormat.equals("csv")) {
            throw new CliException(ExitCodes.USAGE, "--format must be jsonl or csv");
        }
        Instant now = Instant.now();
        String from = since == null ? null : Times.instantOrAge("--since", since, now);
        String to = until == null ? null : Times.instantOrAge("--until", until, now);
        var response =
                api().stream("/v1/audit-events/export" + ApiClient.query("from", from, "to", to, "format", fileFormat));
        Optional<String> checkpoint = response.headers().firstValue("Artifacta-Checkpoint");
        Output out = output();

        if (outputFile == null || outputFile.equals("-")) {
            try (InputStream in = response.body()) {
                OutputStream stdout = new FileOutputStream(FileDescriptor.out);
                in.transferTo(stdout);
                stdout.flush();
            }
            checkpoint.ifPresent(
                    n -> out.note("checkpoint " + n + " (fetch: GET /v1/audit-events/checkpoints/" + n + ")"));
            return ExitCodes.OK;
        }

        Path target = Path.of(outputFile);
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".artifacta-export", ".tmp");
        long size;
        try (InputStream in = response.body()) {
            size = Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        String saved = "";
        if (fileFormat.equals("csv") && checkpoint.isPresent()) {
            Path checkpointFile = checkpointFileFor(target);
            var document = api().get("/v1/audit-events/checkpoints/" + ApiClient.segment(checkpoint.get()));
            Files.writeString(checkpointFile, Json.pretty(document) + "\n", StandardCharsets.UTF_8);
            saved = ", its checkpoint in " + checkpointFile;
        }
        out.line("Wrote " + Output.bytes(size) + " to " + target + " (checkpoint " + checkpoint.orElse("?") + saved
                + ")");
        return ExitCodes.OK;
    }

    static Path checkpointFileFor(Path export) {
        return export.resolveSibling(export.getFileName() + ".checkpoint.json");
    }
}
