package dev.artifacta.cli.support;

import picocli.CommandLine.Option;

/**
 * The options every command that reaches the server takes, mixed in with {@code @Mixin}; most also
 * take {@link FormatOption}.
 */
public final class GlobalOptions {

    @Option(
            names = "--no-input",
            description = "never prompt; fail with exit status 2 where input would be needed"
                    + " (also ARTIFACTA_NO_INPUT=1)")
    boolean noInput;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "the server, default $ARTIFACTA_BASE_URL, the config file's base_url, or "
                    + Settings.DEFAULT_BASE_URL)
    String baseUrl;

    @Option(
            names = "--token",
            paramLabel = "KEY",
            description = "the API key for this call only; it is visible to other users in the process"
                    + " list: prefer ARTIFACTA_API_KEY (or AGENT_ARTIFACTS_TOKEN) or `auth login --key-stdin`")
    String token;

    /** Whether prompting is forbidden, by flag or environment. */
    public boolean noInput() {
        return noInput || Settings.truthy(Settings.env("ARTIFACTA_NO_INPUT", "AGENT_ARTIFACTS_NO_INPUT"));
    }

    /** The key given with {@code --token}, or null. */
    public String tokenOption() {
        return token;
    }

    public String baseUrlOption() {
        return baseUrl;
    }
}
