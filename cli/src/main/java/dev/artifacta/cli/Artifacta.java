package dev.artifacta.cli;

import dev.artifacta.cli.agents.AgentsCommand;
import dev.artifacta.cli.artifacts.ArtifactCommand;
import dev.artifacta.cli.artifacts.PushCommand;
import dev.artifacta.cli.audit.AuditCommand;
import dev.artifacta.cli.auth.AuthCommand;
import dev.artifacta.cli.auth.SignupCommand;
import dev.artifacta.cli.auth.WhoamiCommand;
import dev.artifacta.cli.comments.CommentsCommand;
import dev.artifacta.cli.keys.KeysCommand;
import dev.artifacta.cli.projects.ProjectsCommand;
import dev.artifacta.cli.sharing.AccessCommand;
import dev.artifacta.cli.sharing.ShareCommand;
import dev.artifacta.cli.support.CliException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code artifacta}: the command line client of the Artifacta HTTP API. */
@Command(
        name = "artifacta",
        mixinStandardHelpOptions = true,
        versionProvider = Artifacta.Version.class,
        description = "Artifacta from the command line: API keys, agents, artifacts, share links and the audit trail.",
        subcommands = {
            SignupCommand.class,
            AuthCommand.class,
            WhoamiCommand.class,
            KeysCommand.class,
            AgentsCommand.class,
            ProjectsCommand.class,
            PushCommand.class,
            ArtifactCommand.class,
            ShareCommand.class,
            AccessCommand.class,
            CommentsCommand.class,
            AuditCommand.class,
            CompletionCommand.class
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  ARTIFACTA_API_KEY     the API key; beats the config file",
            "                        (alias AGENT_ARTIFACTS_TOKEN)",
            "  ARTIFACTA_BASE_URL    the server (alias AGENT_ARTIFACTS_BASE_URL)",
            "  ARTIFACTA_NO_INPUT=1  never prompt (alias AGENT_ARTIFACTS_NO_INPUT)",
            "  XDG_CONFIG_HOME       the config file is $XDG_CONFIG_HOME/artifacta/config.toml",
            "",
            "Exit status: 0 ok, 1 error, 2 usage or invalid input, 3 authentication,",
            "4 permission, 5 not found, 6 conflict, 7 rate limited, 8 export not verified.",
            "See docs/cli.md."
        })
public final class Artifacta {

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Artifacta.class.getPackage().getImplementationVersion();
            return new String[] {"artifacta " + (version == null ? "dev" : version)};
        }
    }

    private Artifacta() {}

    /** The command line with the CLI's error handling: problems on stderr, documented exit codes. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(new Artifacta());
        command.setCaseInsensitiveEnumValuesAllowed(true);
        command.setOut(out);
        command.setErr(err);
        command.setExecutionExceptionHandler((e, cmd, parsed) -> {
            out.flush();
            if (e instanceof CliException failure) {
                cmd.getErr().println("error: " + failure.getMessage());
                cmd.getErr().flush();
                return failure.exitCode();
            }
            cmd.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            cmd.getErr().flush();
            return ExitCodes.ERROR;
        });
        return command;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int status = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
