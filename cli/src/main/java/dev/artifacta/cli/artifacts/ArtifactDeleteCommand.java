package dev.artifacta.cli.artifacts;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta artifact delete ID}: a soft delete (gone from reads, kept in history). */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete an artifact (soft: gone from lists and reads, kept in the history).")
public final class ArtifactDeleteCommand extends WriteCommand {

    @Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact's id")
    String id;

    @Option(
            names = {"-y", "--yes"},
            description = "do not ask for confirmation")
    boolean yes;

    @Override
    public Integer call() {
        if (!dryRun()) {
            prompts().confirm("Delete artifact " + id + "?", yes, "pass --yes to delete without asking");
        }
        api().write("DELETE", Artifacts.path(id), null).ifPresent(none -> {
            if (output().json()) {
                output().json(Json.object().put("id", id).put("deleted", true));
            } else {
                output().line("Deleted artifact " + id);
            }
        });
        return ExitCodes.OK;
    }
}
