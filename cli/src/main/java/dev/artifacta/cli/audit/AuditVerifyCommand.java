package dev.artifacta.cli.audit;

import dev.artifacta.auditexport.verify.ExportVerifier;
import dev.artifacta.auditexport.verify.Verification;
import dev.artifacta.auditexport.verify.VerifyInputs;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code artifacta audit verify}: audit-export's offline verifier (the one {@code bin/audit-verify}
 * runs). With {@code --public-key} nothing is sent anywhere; without it the key is fetched from the
 * server, which proves less (an export is best checked against a key kept apart from the server).
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verify an audit export offline: every hash, every link, no gaps, and the signed checkpoint.",
            "Exit status 0: verified; 8: not verified (the first problem is printed)."
        })
public final class AuditVerifyCommand extends ApiCommand {

    @Parameters(paramLabel = "EXPORT", description = "the export file (.jsonl or .csv)")
    Path export;

    @Option(
            names = {"-k", "--public-key"},
            paramLabel = "FILE",
            description = "the signing key: JSON from GET /v1/audit-events/signing-key, PEM, or base64"
                    + " (default: fetched from the server)")
    Path publicKey;

    @Option(
            names = {"-c", "--checkpoint"},
            paramLabel = "FILE",
            description = "the signed checkpoint (CSV: default EXPORT.checkpoint.json; JSON Lines carry theirs)")
    Path checkpoint;

    @Option(
            names = {"-p", "--previous-checkpoint"},
            paramLabel = "FILE",
            description = "the checkpoint of an earlier export, to check that this one continues it")
    Path previousCheckpoint;

    @Option(names = "--input-format", paramLabel = "FORMAT", description = "jsonl or csv (default: from the file name)")
    String inputFormat;

    @Override
    public Integer call() {
        Output out = output();
        if (!Files.isRegularFile(export)) {
            throw new CliException(ExitCodes.USAGE, "no such file: " + export);
        }
        ExportVerifier.Format format = format();
        Path checkpointFile = checkpoint;
        if (checkpointFile == null && format == ExportVerifier.Format.CSV) {
            Path beside = AuditExportCommand.checkpointFileFor(export);
            checkpointFile = Files.isRegularFile(beside) ? beside : null;
        }
        Verification result;
        try {
            result = new ExportVerifier(key(out))
                    .verify(
                            export,
                            format,
                            VerifyInputs.checkpoint(checkpointFile),
                            VerifyInputs.checkpoint(previousCheckpoint));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CliException cli) {
                throw cli;
            }
            throw new CliException(ExitCodes.ERROR, "cannot verify: " + e.getMessage());
        }
        if (out.json()) {
            out.json(Json.object()
                    .put("ok", result.ok())
                    .put("problem", result.problem())
                    .put("count", result.count())
                    .put("firstSequence", result.firstSequence())
                    .put("lastSequence", result.lastSequence())
                    .put("firstTime", result.firstTime())
                    .put("lastTime", result.lastTime())
                    .put("tenantId", result.tenantId())
                    .put("checkpointNumber", result.checkpointNumber()));
        } else {
            out.line(result.summary());
        }
        return result.ok() ? ExitCodes.OK : ExitCodes.NOT_VERIFIED;
    }

    private ExportVerifier.Format format() {
        return VerifyInputs.format(export, inputFormat)
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "--input-format must be jsonl or csv"));
    }

    private PublicKey key(Output out) throws IOException {
        String text;
        if (publicKey != null) {
            text = Files.readString(publicKey, StandardCharsets.UTF_8);
        } else {
            out.warn("no --public-key: using the key the server serves now; for an independent check keep"
                    + " GET /v1/audit-events/signing-key apart and pass it");
            text = api().get("/v1/audit-events/signing-key").toString();
        }
        try {
            return VerifyInputs.publicKey(text);
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.USAGE, "not an Ed25519 public key: " + e.getMessage());
        }
    }
}
