package dev.artifacta.cli.support;

import picocli.CommandLine.Option;

/** {@code --dry-run}, mixed into every command that changes something on the server. */
public final class DryRunOption {

    @Option(
            names = "--dry-run",
            description = "print the request (method, URL, headers with the key redacted, body) and send nothing")
    boolean enabled;

    public boolean enabled() {
        return enabled;
    }
}
