package dev.artifacta.cli.artifacts;

import picocli.CommandLine.Command;

/** {@code artifacta artifact}: artifacts and their versions (uploads: {@code artifacta push}). */
@Command(
        name = "artifact",
        mixinStandardHelpOptions = true,
        description = "List, read, download, compare, restore and delete artifacts.",
        subcommands = {
            ArtifactListCommand.class,
            ArtifactGetCommand.class,
            ArtifactPullCommand.class,
            ArtifactVersionsCommand.class,
            ArtifactDiffCommand.class,
            ArtifactRestoreCommand.class,
            ArtifactDeleteCommand.class
        })
public final class ArtifactCommand {}
