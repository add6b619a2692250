package dev.artifacta.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The real server, started once per test JVM from its runnable jar (built by the reactor before
 * this module) on a fresh PostgreSQL database and a free port. The database comes as in the
 * server's own tests: {@code ARTIFACTA_TEST_DB_URL} (with {@code _USER}, {@code _PASSWORD}) when
 * set, else the local PostgreSQL that {@code bin/test} provisions.
 */
public final class TestServer {

    public static final String ADMIN_TOKEN = "cli-it-admin-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestServer instance;

    private final String baseUrl;
    private final Process process;

    private TestServer(String baseUrl, Process process) {
        this.baseUrl = baseUrl;
        this.process = process;
    }

    public static synchronized TestServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.process.destroy()));
        }
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A new tenant on the given plan; answers its first key (every scope) and the tenant id. */
    public Tenant signUp(String plan) {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = send(
                "POST", "/v1/signup", null, "{\"tenant\":\"" + name + "\",\"email\":\"owner@" + name + ".example\"}");
        Tenant tenant = new Tenant(
                created.path("tenant").path("id").asText(),
                name,
                created.path("apiKey").path("key").asText());
        if (!plan.equals("free")) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(baseUrl + "/admin/v1/tenants/" + tenant.id() + "/plan"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"plan\":\"" + plan + "\"}"))
                    .build();
            check(request);
        }
        return tenant;
    }

    /** A tenant and its first key. */
    public record Tenant(String id, String name, String key) {}

    /** A direct request (not through the CLI), to check what the CLI did. */
    public JsonNode send(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return check(request.build());
    }

    private static JsonNode check(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TestServer start() {
        Path jar =
                Path.of(System.getProperty("artifacta.server.jar", "../server/target/server-0.1.0-SNAPSHOT-all.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "no server jar at " + jar + ": build through the reactor (bin/test -pl cli -am)");
        }
        String[] database = freshDatabase();
        int port = freePort();
        try {
            Path log = Files.createTempFile("artifacta-cli-it-server", ".log");
            ProcessBuilder builder = new ProcessBuilder(
                            javaBinary(),
                            "-Ddisable-axoniq-console-message=true",
                            // Every test class signs up several tenants from this one address.
                            "-Dartifacta.signup.rate-limit.max-signups=100000",
                            "-Xmx512m",
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("ARTIFACTA_DB_URL", database[0]);
            builder.environment().put("ARTIFACTA_DB_USER", database[1]);
            builder.environment().put("ARTIFACTA_DB_PASSWORD", database[2]);
            builder.environment().put("ARTIFACTA_PORT", String.valueOf(port));
            builder.environment().put("ARTIFACTA_ADMIN_TOKEN", ADMIN_TOKEN);
            Process process = builder.start();
            String baseUrl = "http://127.0.0.1:" + port;
            awaitHealth(baseUrl, process, log);
            System.out.println("CLI integration tests use the server at " + baseUrl + " (log " + log + ")");
            return new TestServer(baseUrl, process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the server", e);
        }
    }

    private static void awaitHealth(String baseUrl, Process process, Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> health = HTTP.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroy();
        throw new IllegalStateException("the server did not answer /health within 3 minutes: " + Files.readString(log));
    }

    /** URL, user, password of a new database (as the server tests' TestDatabase makes one). */
    private static String[] freshDatabase() {
        String adminUrl = env("ARTIFACTA_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/artifacta");
        String user = env("ARTIFACTA_TEST_DB_USER", "artifacta");
        String password =
                env("ARTIFACTA_TEST_DB_PASSWORD", System.getenv("ARTIFACTA_TEST_DB_URL") == null ? "artifacta" : "");
        // The server tests' prefix and naming, so their clean-up drops ours once old.
        String name = "artifacta_it_" + (System.currentTimeMillis() / 1000) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create a test database on " + adminUrl + "; run bin/test, which provisions PostgreSQL", e);
        }
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return new String[] {base.substring(0, base.lastIndexOf('/') + 1) + name + params, user, password};
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
