package dev.artifacta.cli.support;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the server: the global options, and the output, settings, prompts and
 * API client built from them. Most commands are {@link ApiCommand}s, which add {@code --format}.
 */
public abstract class ConnectedCommand implements Callable<Integer> {

    @Mixin
    protected GlobalOptions global;

    @Spec
    protected CommandSpec spec;

    private Output output;
    private Settings settings;
    private ApiClient api;

    protected Output output() {
        if (output == null) {
            output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), outputFormat());
        }
        return output;
    }

    protected Settings settings() {
        if (settings == null) {
            settings = new Settings(global);
        }
        return settings;
    }

    protected ApiClient api() {
        if (api == null) {
            if (global.tokenOption() != null) {
                output().warn("--token is visible to other users of this machine in the process list;"
                        + " prefer ARTIFACTA_API_KEY or `artifacta auth login --key-stdin`");
            }
            api = new ApiClient(settings().baseUrl(), settings().key(), output(), dryRun());
        }
        return api;
    }

    protected Prompts prompts() {
        return new Prompts(global.noInput(), output());
    }

    /** How results are printed. */
    protected abstract OutputFormat outputFormat();

    /** Whether writes are printed instead of sent; see {@link WriteCommand}. */
    protected boolean dryRun() {
        return false;
    }
}
