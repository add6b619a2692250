package dev.artifacta.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated OpenAPI document lints clean with Spectral ({@code spectral:oas}) and Redocly's
 * recommended rules: an error fails the build, warnings are printed. Both linters are pinned in
 * src/test/openapi-lint/package-lock.json and installed with {@code npm ci} into
 * target/openapi-lint the first time (Node.js 20 or newer must be on the PATH); the rule sets are
 * src/test/openapi-lint/.spectral.yaml and redocly.yaml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiLintTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCES = Path.of("src", "test", "openapi-lint");
    private static final Path TOOLS = Path.of("target", "openapi-lint");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration LINT_TIMEOUT = Duration.ofMinutes(3);

    private Path document;

    @BeforeAll
    void installTheLinters() throws Exception {
        document = Path.of(Objects.requireNonNull(
                        getClass().getResource("/META-INF/swagger/artifacta-v1.yml"),
                        "the OpenAPI processor generated the document")
                .toURI());
        Files.createDirectories(TOOLS);
        byte[] lock = Files.readAllBytes(SOURCES.resolve("package-lock.json"));
        Path installedLock = TOOLS.resolve("node_modules").resolve(".installed-package-lock.json");
        if (Files.exists(installedLock) && Arrays.equals(lock, Files.readAllBytes(installedLock))) {
            return;
        }
        Files.copy(SOURCES.resolve("package.json"), TOOLS.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.write(TOOLS.resolve("package-lock.json"), lock);
        Result install = run(INSTALL_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        assertThat(install.exitCode())
                .as("npm ci in %s (Node.js 20 or newer and npm must be on the PATH):%n%s", TOOLS, install.output())
                .isZero();
        Files.write(installedLock, lock);
    }

    @Test
    void spectralFindsNoErrors() throws Exception {
        Path report = TOOLS.resolve("spectral.json").toAbsolutePath();
        Result lint = run(
                LINT_TIMEOUT,
                bin("spectral"),
                "lint",
                "--ruleset",
                SOURCES.resolve(".spectral.yaml").toAbsolutePath().toString(),
                "--format",
                "json",
                "--output",
                report.toString(),
                "--fail-severity",
                "error",
                document.toString());
        assertThat(Files.exists(report))
                .as("spectral wrote no report:%n%s", lint.output())
                .isTrue();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (JsonNode problem : JSON.readTree(report.toFile())) {
            String line = problem.get("code").asText() + " at " + problem.get("path") + ": "
                    + problem.get("message").asText();
            // Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
            (problem.get("severity").asInt() == 0 ? errors : warnings).add(line);
        }
        warnings.forEach(warning -> System.out.println("Spectral warning: " + warning));
        assertThat(errors).as("Spectral errors in the OpenAPI document").isEmpty();
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void redoclyFindsNoErrors() throws Exception {
        Result lint = run(
                LINT_TIMEOUT,
                bin("redocly"),
                "lint",
                "--config",
                SOURCES.resolve("redocly.yaml").toAbsolutePath().toString(),
                "--format",
                "json",
                document.toString());
        String output = lint.output();
        int start = output.indexOf("{\n");
        assertThat(start).as("redocly printed no JSON report:%n%s", output).isGreaterThanOrEqualTo(0);
        JsonNode report = JSON.readTree(output.substring(start, output.lastIndexOf('}') + 1));
        List<String> errors = new ArrayList<>();
        for (JsonNode problem : report.get("problems")) {
            String line = problem.get("ruleId").asText() + " at "
                    + problem.at("/location/0/pointer").asText() + ": "
                    + problem.get("message").asText();
            if ("error".equals(problem.get("severity").asText())) {
                errors.add(line);
            } else {
                System.out.println("Redocly warning: " + line);
            }
        }
        assertThat(errors).as("Redocly errors in the OpenAPI document").isEmpty();
        assertThat(report.at("/totals/errors").asInt()).isZero();
    }

    private static String bin(String tool) {
        return TOOLS.resolve("node_modules")
                .resolve(".bin")
                .resolve(tool)
                .toAbsolutePath()
                .toString();
    }

    private record Result(int exitCode, String output) {}

    /** Runs a command in target/openapi-lint, its output (stdout and stderr together) collected. */
    private static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(TOOLS.toAbsolutePath(), "run", ".log");
        try {
            var builder = new ProcessBuilder(command)
                    .directory(TOOLS.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // No telemetry or update checks from inside a build (npm ci also runs no install scripts).
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            builder.environment().put("NO_UPDATE_NOTIFIER", "1");
            Process process;
            try {
                process = builder.start();
            } catch (IOException notFound) {
                throw new AssertionError(
                        command[0] + " could not be started: the OpenAPI lint needs Node.js 20 or newer with npm"
                                + " on the PATH",
                        notFound);
            }
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took longer than " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
