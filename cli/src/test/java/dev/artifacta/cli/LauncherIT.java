package dev.artifacta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/artifacta}, the launcher users run, chooses the JIT by the work it is handed: C1
 * only for the usual short command, both compilers when a file argument is large (verifying a
 * 1M-entry export took 9.7 s with C1 only and 4.4 s with both).
 */
class LauncherIT {

    private static final Pattern STOP_AT_LEVEL = Pattern.compile("TieredStopAtLevel\\s+=\\s+(\\d)");

    @TempDir
    Path dir;

    @Test
    void givenASmallExportWhenVerifiedThenTheLauncherRunsC1Only() throws Exception {
        Path export = Files.writeString(dir.resolve("audit.jsonl"), "{}\n");

        assertThat(tieredStopAtLevel(export)).isEqualTo(1);
    }

    @Test
    void givenALargeExportWhenVerifiedThenTheLauncherRunsBothCompilers() throws Exception {
        Path export = dir.resolve("audit.jsonl");
        try (RandomAccessFile file = new RandomAccessFile(export.toFile(), "rw")) {
            file.setLength(64L << 20); // sparse: no disk written
        }

        assertThat(tieredStopAtLevel(export)).isEqualTo(4);
    }

    /** The JVM's TieredStopAtLevel when the launcher runs {@code audit verify} of the file. */
    private int tieredStopAtLevel(Path export) throws IOException, InterruptedException {
        Path key = Files.writeString(dir.resolve("key.json"), "{}");
        Path launcher = Path.of("..", "bin", "artifacta").toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        "bash",
                        launcher.toString(),
                        "audit",
                        "verify",
                        "--public-key",
                        key.toString(),
                        export.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("ARTIFACTA_CDS", "0");
        builder.environment().put("ARTIFACTA_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher level = STOP_AT_LEVEL.matcher(output);
        assertThat(level.find()).as(output).isTrue();
        return Integer.parseInt(level.group(1));
    }
}
