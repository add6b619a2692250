package dev.artifacta.cli.keys;

import picocli.CommandLine.Command;

/** {@code artifacta keys}: API keys (needs {@code agents:manage}). */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Create, list, read, rename and revoke API keys.",
        subcommands = {
            KeysCreateCommand.class,
            KeysListCommand.class,
            KeysGetCommand.class,
            KeysRenameCommand.class,
            KeysRevokeCommand.class
        })
public final class KeysCommand {

    /** Columns of a key list. */
    static final String[] COLUMNS = {
        "ID", "id",
        "NAME", "name",
        "PREFIX", "prefix",
        "LAST4", "last4",
        "IDENTITY", "identity.name",
        "STATUS", "status",
        "LAST USED", "lastUsedAt",
        "EXPIRES", "expiresAt"
    };
}
