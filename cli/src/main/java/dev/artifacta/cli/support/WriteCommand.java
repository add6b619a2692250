package dev.artifacta.cli.support;

import picocli.CommandLine.Mixin;

/** A command that changes something on the server, and so takes {@code --dry-run}. */
public abstract class WriteCommand extends ApiCommand {

    @Mixin
    protected DryRunOption dryRunOption;

    @Override
    protected boolean dryRun() {
        return dryRunOption.enabled();
    }
}
