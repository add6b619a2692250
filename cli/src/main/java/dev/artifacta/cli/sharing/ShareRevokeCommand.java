package dev.artifacta.cli.sharing;

import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.WriteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artifacta share revoke LINK_ID}: the link opens nothing from the next request on. */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revoke a share link: it opens nothing from the next request on.")
public final class ShareRevokeCommand extends WriteCommand {

    @Parameters(paramLabel = "LINK_ID", description = "the link's id")
    String linkId;

    @Option(
            names = {"-y", "--yes"},
            description = "do not ask for confirmation")
    boolean yes;

    @Override
    public Integer call() {
        if (!dryRun()) {
            prompts().confirm("Revoke share link " + linkId + "?", yes, "pass --yes to revoke without asking");
        }
        api().write("DELETE", "/v1/share-links/" + ApiClient.segment(linkId), null)
                .ifPresent(none -> {
                    if (output().json()) {
                        output().json(Json.object().put("id", linkId).put("revoked", true));
                    } else {
                        output().line("Revoked share link " + linkId);
                    }
                });
        return ExitCodes.OK;
    }
}
