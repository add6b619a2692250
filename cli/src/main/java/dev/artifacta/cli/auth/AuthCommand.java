package dev.artifacta.cli.auth;

import picocli.CommandLine.Command;

/** {@code artifacta auth}: the key the CLI uses. */
@Command(
        name = "auth",
        mixinStandardHelpOptions = true,
        description = "Log in with an API key, show which key is used, log out.",
        subcommands = {AuthLoginCommand.class, AuthStatusCommand.class, AuthLogoutCommand.class})
public final class AuthCommand {}
