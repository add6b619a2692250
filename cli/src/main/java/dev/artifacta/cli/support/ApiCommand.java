package dev.artifacta.cli.support;

import picocli.CommandLine.Mixin;

/** A command that talks to the server and prints its result as a table or as JSON. */
public abstract class ApiCommand extends ConnectedCommand {

    @Mixin
    protected FormatOption formatOption;

    @Override
    protected OutputFormat outputFormat() {
        return formatOption.format();
    }
}
