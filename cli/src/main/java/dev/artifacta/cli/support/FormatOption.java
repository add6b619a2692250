package dev.artifacta.cli.support;

import picocli.CommandLine.Option;

/** {@code --format table|json}, mixed into every command that prints a result. */
public final class FormatOption {

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            completionCandidates = OutputFormat.Candidates.class,
            description = "table (default) or json (a stable shape, see docs/cli.md)")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
    }
}
