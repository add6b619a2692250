package dev.artifacta.cli.support;

import dev.artifacta.cli.ExitCodes;
import java.io.Console;
import java.util.Locale;

/**
 * Questions asked on the terminal. Under {@code --no-input} (or {@code ARTIFACTA_NO_INPUT=1}), or
 * with no terminal, nothing is asked: the command fails at once with exit status 2, saying which
 * flag supplies the answer.
 */
public final class Prompts {

    private final boolean noInput;
    private final Output output;

    public Prompts(boolean noInput, Output output) {
        this.noInput = noInput;
        this.output = output;
    }

    /** Reads a secret without echoing it. */
    public String secret(String prompt, String instead) {
        Console console = terminal(instead);
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null || typed.length == 0) {
            throw new CliException(ExitCodes.USAGE, "nothing entered");
        }
        return new String(typed).strip();
    }

    /** Asks yes/no unless {@code yes} was given; a "no" cancels the command. */
    public void confirm(String question, boolean yes, String instead) {
        if (yes) {
            return;
        }
        Console console = terminal(instead);
        String answer = console.readLine("%s [y/N] ", question);
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
            throw new CliException(ExitCodes.ERROR, "cancelled");
        }
    }

    private Console terminal(String instead) {
        if (noInput) {
            throw new CliException(ExitCodes.USAGE, "input needed but --no-input is set: " + instead);
        }
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            throw new CliException(ExitCodes.USAGE, "input needed but there is no terminal: " + instead);
        }
        output.err().flush();
        return console;
    }

    /** JDK 22+ returns a console for redirected streams too; {@code isTerminal()} tells them apart. */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }
}
