package dev.artifacta.cli.sharing;

import picocli.CommandLine.Command;

/** {@code artifacta share}: share links to one artifact (Pro and Team plans). */
@Command(
        name = "share",
        mixinStandardHelpOptions = true,
        description = "Create, list and revoke share links.",
        subcommands = {ShareCreateCommand.class, ShareListCommand.class, ShareRevokeCommand.class})
public final class ShareCommand {

    static final String[] COLUMNS = {
        "ID", "id",
        "ROLE", "role",
        "PREFIX", "prefix",
        "STATUS", "status",
        "CREATED", "createdAt",
        "EXPIRES", "expiresAt",
        "REVOKED", "revokedAt"
    };
}
