package dev.artifacta.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code artifacta completion}: the shell completion script, generated from the commands. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a completion script for bash and zsh.",
            "bash: source <(artifacta completion)",
            "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(artifacta completion)"
        })
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var root = spec.root().commandLine();
        // Completes both names the command is installed under (artifacta and its alias artifacts).
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().println("complete -F _complete_artifacta -o default artifacts");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
