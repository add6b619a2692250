package dev.artifacta.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.ContractProxy;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python SDK's own tests ({@code sdk/python/tests}, stdlib unittest) against this server,
 * so that {@code bin/test} fails when the API and the SDK drift apart; the SDK reaches the server
 * through a {@link ContractProxy}, so its exchanges are held to the OpenAPI document too. The
 * tenant is moved to Pro so that share links and private settings are reachable; a skipped Python
 * test counts as a failure here, since every one of them can run against this server. Skipped (a
 * JUnit assumption) only when no python3 of at least 3.11 is on the PATH.
 */
@MicronautTest(transactional = false)
class PythonSdkIT extends ApiTest {

    private static final Pattern VERSION = Pattern.compile("Python (\\d+)\\.(\\d+)");

    @Inject
    EmbeddedServer server;

    @Test
    void pythonSdkTestsPassAgainstTheRunningServer() throws Exception {
        String python = usablePython();
        Path root = repositoryRoot();
        Tenant tenant = api.signUp("python-sdk");
        ApiResponse upgraded = api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}");
        assertThat(upgraded.status()).as("plan change: %s", upgraded).isEqualTo(200);
        Path configHome = Files.createTempDirectory("artifacta-sdk-config");
        // The SDK talks to the server through a proxy that holds every exchange to the OpenAPI document.
        ContractProxy contract = new ContractProxy(server.getURI());

        ProcessBuilder builder = new ProcessBuilder(
                        python, "-m", "unittest", "discover", "-v", "-s", "sdk/python/tests", "-t", "sdk/python/tests")
                .directory(root.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // Only what this test chooses: never a developer's own key, server or config file.
        env.keySet().removeIf(name -> name.startsWith("ARTIFACTA_") || name.startsWith("AGENT_ARTIFACTS_"));
        env.put("ARTIFACTA_BASE_URL", contract.uri().toString());
        env.put("ARTIFACTA_API_KEY", tenant.key());
        env.put("XDG_CONFIG_HOME", configHome.toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1");

        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(out, StandardCharsets.UTF_8);
        System.out.println(output);
        contract.close();
        assertThat(contract.drift())
                .as("the SDK's exchanges the OpenAPI document does not allow")
                .isEmpty();

        assertThat(finished)
                .as("the Python tests did not finish in 10 minutes:%n%s", output)
                .isTrue();
        assertThat(process.exitValue())
                .as("python3 -m unittest discover -s sdk/python/tests failed:%n%s", output)
                .isZero();
        assertThat(output)
                .as("every Python test runs against this server (none skipped):%n%s", output)
                .containsPattern("(?m)^OK$")
                .doesNotContain("skipped");
        assertThat(output).as("the raw key never appears in the output").doesNotContain(tenant.key());
    }

    /** python3 when it is 3.11 or newer (the SDK reads its config with tomllib); else the test is skipped. */
    private static String usablePython() throws InterruptedException {
        String version;
        try {
            Process probe = new ProcessBuilder("python3", "--version")
                    .redirectErrorStream(true)
                    .start();
            version = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            probe.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            assumeTrue(false, "python3 is not on the PATH: the Python SDK tests (sdk/python/tests) did not run");
            return null;
        }
        Matcher m = VERSION.matcher(version);
        boolean usable = m.find()
                && (Integer.parseInt(m.group(1)) > 3
                        || (Integer.parseInt(m.group(1)) == 3 && Integer.parseInt(m.group(2)) >= 11));
        assumeTrue(
                usable, "python3 is '" + version + "', the SDK needs 3.11 or newer: the Python SDK tests did not run");
        return "python3";
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("sdk/python/tests"))) {
                return dir;
            }
        }
        throw new AssertionError("no sdk/python/tests above " + Path.of("").toAbsolutePath());
    }
}
