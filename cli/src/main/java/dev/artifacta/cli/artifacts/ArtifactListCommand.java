package dev.artifacta.cli.artifacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artifacta artifact list}: every artifact of a project, all pages. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List a project's artifacts (all pages).")
public final class ArtifactListCommand extends ApiCommand {

    @Option(names = "--project-slug", paramLabel = "SLUG", defaultValue = "default", description = "default: default")
    String project;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "at most N artifacts (default: all)")
    int limit;

    @Override
    public Integer call() {
        ArrayNode items = Artifacts.list(api(), project, limit);
        if (output().json()) {
            var result = Json.object();
            result.set("items", items);
            output().json(result);
        } else {
            output().table(items, Artifacts.COLUMNS);
        }
        return ExitCodes.OK;
    }
}
