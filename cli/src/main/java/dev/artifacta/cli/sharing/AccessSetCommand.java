package dev.artifacta.cli.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code artifacta access set}: changes the settings given and keeps the others (it reads them
 * first, since the API replaces all three at once).
 */
@Command(
        name = "set",
        mixinStandardHelpOptions = true,
        description = "Change an artifact's access settings; settings not given keep their value.")
public final class AccessSetCommand extends WriteCommand {

    @Option(names = "--artifact-id", required = true, paramLabel = "ID", description = "the artifact")
    String artifactId;

    @Option(names = "--public-view", paramLabel = "true|false", arity = "1", description = "anyone may read it")
    Boolean publicView;

    @Option(
            names = "--public-edit",
            paramLabel = "true|false",
            arity = "1",
            description = "anyone may append versions (Pro and Team plans)")
    Boolean publicEdit;

    @Option(
            names = "--viewer-emails",
            split = ",",
            paramLabel = "EMAIL",
            description = "comma-separated allowlist of readers (replaces it; \"\" clears it)")
    List<String> viewerEmails;

    @Override
    public Integer call() {
        if (publicView == null && publicEdit == null && viewerEmails == null) {
            throw new CliException(
                    ExitCodes.USAGE, "nothing to change: give --public-view, --public-edit or --viewer-emails");
        }
        JsonNode current = api().get(AccessCommand.path(artifactId));
        ObjectNode body = Json.object()
                .put(
                        "publicView",
                        publicView != null
                                ? publicView
                                : current.path("publicView").asBoolean())
                .put(
                        "publicEdit",
                        publicEdit != null
                                ? publicEdit
                                : current.path("publicEdit").asBoolean());
        ArrayNode emails = body.putArray("viewerEmails");
        if (viewerEmails != null) {
            viewerEmails.stream().map(String::strip).filter(e -> !e.isEmpty()).forEach(emails::add);
        } else {
            current.path("viewerEmails").forEach(emails::add);
        }
        api().write("PUT", AccessCommand.path(artifactId), body)
                .ifPresent(access -> AccessCommand.print(output(), access));
        return ExitCodes.OK;
    }
}
