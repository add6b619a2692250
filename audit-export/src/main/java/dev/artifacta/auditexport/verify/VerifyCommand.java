package dev.artifacta.auditexport.verify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code artifacta-audit-verify}: checks an audit export offline with only the server's public key.
 * Exit status 0: the export verifies; 1: it does not (the first problem is printed); 2: the
 * command could not run (a file missing or unreadable, a bad key).
 */
@Command(
        name = "artifacta-audit-verify",
        mixinStandardHelpOptions = true,
        version = "artifacta-audit-verify 1",
        description = "Verifies an Artifacta audit export (JSON Lines or CSV) and its signed checkpoint offline.")
public final class VerifyCommand implements Callable<Integer> {

    static final int VERIFIED = 0;
    static final int NOT_VERIFIED = 1;
    static final int CANNOT_RUN = 2;

    @Parameters(index = "0", paramLabel = "EXPORT", description = "the export file (.jsonl or .csv)")
    Path export;

    @Option(
            names = {"-k", "--public-key"},
            required = true,
            paramLabel = "FILE",
            description = "the server's public key: the JSON from GET /v1/audit-events/signing-key, a PEM file"
                    + " or base64 of the X.509 encoding")
    Path publicKey;

    @Option(
            names = {"-c", "--checkpoint"},
            paramLabel = "FILE",
            description = "the signed checkpoint (needed for CSV; a JSON Lines export carries it on its last line)")
    Path checkpoint;

    @Option(
            names = {"-p", "--previous-checkpoint"},
            paramLabel = "FILE",
            description = "the checkpoint of an earlier export, to check that this one continues it")
    Path previousCheckpoint;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            description = "jsonl or csv (default: from the file name, else jsonl)")
    String format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PublicKey key = readPublicKey(publicKey);
        ExportVerifier.Format exportFormat = formatOf();
        Verification result = new ExportVerifier(key)
                .verify(
                        export,
                        exportFormat,
                        VerifyInputs.checkpoint(checkpoint),
                        VerifyInputs.checkpoint(previousCheckpoint));
        out.println(result.summary());
        out.flush();
        return result.ok() ? VERIFIED : NOT_VERIFIED;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ExportVerifier.Format formatOf() {
        return VerifyInputs.format(export, format)
                .orElseThrow(
                        () -> new CommandLine.ParameterException(spec.commandLine(), "--format must be jsonl or csv"));
    }

    static PublicKey readPublicKey(Path file) throws IOException {
        return VerifyInputs.publicKey(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Runs the command and returns its exit status (for tests and scripts). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine command = new CommandLine(new VerifyCommand())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("cannot verify: " + e.getMessage());
                    return CANNOT_RUN;
                });
        command.setExitCodeExceptionMapper(e -> CANNOT_RUN);
        int status = command.execute(args);
        return status == CommandLine.ExitCode.USAGE ? CANNOT_RUN : status;
    }

    public static void main(String[] args) {
        System.exit(run(
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                args));
    }
}
