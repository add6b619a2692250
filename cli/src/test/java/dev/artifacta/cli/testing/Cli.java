package dev.artifacta.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged CLI jar as its own process ({@code java -jar}), the way a user's shell does:
 * a clean environment (none of the caller's ARTIFACTA_* variables), its own config directory, and
 * stdin closed unless the test gives input.
 */
public final class Cli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env = new HashMap<>();
    private final Path home;

    public Cli(Path home) {
        this.home = home;
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    }

    /** A CLI talking to the server with the given key in ARTIFACTA_API_KEY. */
    public static Cli withKey(Path home, String baseUrl, String key) {
        return new Cli(home).env("ARTIFACTA_BASE_URL", baseUrl).env("ARTIFACTA_API_KEY", key);
    }

    public Cli env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    public Path configFile() {
        return home.resolve("config").resolve("artifacta").resolve("config.toml");
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs with {@code stdin} as standard input (null: an immediately closed stdin). */
    public Result runWithInput(String stdin, String... args) {
        Path jar = Path.of(System.getProperty("artifacta.cli.jar", "target/cli-0.1.0-SNAPSHOT-all.jar"));
        List<String> command =
                new ArrayList<>(List.of(TestServer.javaBinary(), "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("artifacta " + String.join(" ", args) + " did not exit within 60 s");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** What a run printed and how it ended. */
    public record Result(int exitCode, byte[] stdoutBytes, String stderr) {

        public String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(stdoutBytes);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + stdout() + "\nstderr: " + stderr, e);
            }
        }

        /** Fails with both streams when the exit code is not the expected one. */
        public Result expectExit(int expected) {
            if (exitCode != expected) {
                throw new AssertionError("exit code " + exitCode + ", expected " + expected + "\nstdout: " + stdout()
                        + "\nstderr: " + stderr);
            }
            return this;
        }

        public Result ok() {
            return expectExit(0);
        }
    }

    static Path tempHome() {
        try {
            return Files.createTempDirectory("artifacta-cli-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
