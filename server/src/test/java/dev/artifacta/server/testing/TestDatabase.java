package dev.artifacta.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database for each test class. Where the server comes from is decided once per
 * test JVM: {@code ARTIFACTA_TEST_DB_URL} (with {@code _USER} and {@code _PASSWORD}) when set, else
 * a Testcontainers PostgreSQL when a Docker engine answers, else the local server on
 * 127.0.0.1:5432 that {@code bin/test} provisions (role and database {@code artifacta}).
 *
 * <p>As in production, two roles: the admin role creates the database and runs the migrations
 * ({@code artifacta.database.migration-user}), and the server under test connects as the restricted
 * role {@code artifacta_app} ({@code ARTIFACTA_TEST_DB_SERVER_USER} / {@code _PASSWORD} name another),
 * which may append events but never change them.
 */
public final class TestDatabase {

    private record Server(
            String adminUrl, String user, String password, String serverUser, String serverPassword, String mode) {}

    private static final String SERVER_ROLE = "artifacta_app";

    private static final String PREFIX = "artifacta_it_";
    private static final long LEFTOVER_AGE_SECONDS = 6 * 3600;

    private static Server server;
    private static boolean cleanedUp;

    private TestDatabase() {}

    /** Creates an empty database and returns the data source properties that point at it. */
    public static synchronized Map<String, String> freshPostgres() {
        Server s = server();
        // The creation time in the name lets later runs drop what earlier runs left behind.
        String name = PREFIX + (System.currentTimeMillis() / 1000) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection admin = DriverManager.getConnection(s.adminUrl(), s.user(), s.password())) {
            if (!cleanedUp) {
                dropLeftovers(admin);
                cleanedUp = true;
            }
            admin.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create a test database on " + s.mode() + " PostgreSQL (" + s.adminUrl()
                            + "); run bin/test, which provisions it",
                    e);
        }
        return Map.of(
                "datasources.default.url", withDatabase(s.adminUrl(), name),
                "datasources.default.username", s.serverUser(),
                "datasources.default.password", s.serverPassword(),
                "artifacta.database.migration-user", s.user(),
                "artifacta.database.migration-password", s.password());
    }

    /** How this JVM reaches PostgreSQL, for messages. */
    public static synchronized String mode() {
        return server().mode();
    }

    private static Server server() {
        if (server == null) {
            server = locate();
            ensureServerRole(server);
            System.out.println("Integration tests use " + server.mode() + " PostgreSQL at " + server.adminUrl()
                    + ", the servers under test as role " + server.serverUser());
        }
        return server;
    }

    private static Server locate() {
        String serverUser = env("ARTIFACTA_TEST_DB_SERVER_USER", SERVER_ROLE);
        String serverPassword = env("ARTIFACTA_TEST_DB_SERVER_PASSWORD", SERVER_ROLE);
        String url = System.getenv("ARTIFACTA_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Server(
                    url,
                    env("ARTIFACTA_TEST_DB_USER", "artifacta"),
                    env("ARTIFACTA_TEST_DB_PASSWORD", ""),
                    serverUser,
                    serverPassword,
                    "configured");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            return new Server(
                    container.getJdbcUrl(),
                    container.getUsername(),
                    container.getPassword(),
                    serverUser,
                    serverPassword,
                    "Testcontainers");
        }
        return new Server(
                "jdbc:postgresql://127.0.0.1:5432/artifacta",
                "artifacta",
                "artifacta",
                serverUser,
                serverPassword,
                "local");
    }

    /**
     * Makes sure the servers' role exists and the admin role is a member of it (the migrations hand
     * the views over to it). {@code bin/test} provisions both on the local server; a superuser admin
     * (Testcontainers) does it here.
     */
    private static void ensureServerRole(Server s) {
        try (Connection admin = DriverManager.getConnection(s.adminUrl(), s.user(), s.password())) {
            boolean exists;
            boolean member;
            try (var statement = admin.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?),"
                            + " EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ? AND pg_has_role(current_user, oid, 'MEMBER'))")) {
                statement.setString(1, s.serverUser());
                statement.setString(2, s.serverUser());
                try (var row = statement.executeQuery()) {
                    row.next();
                    exists = row.getBoolean(1);
                    member = row.getBoolean(2);
                }
            }
            if (!exists) {
                admin.createStatement()
                        .execute("CREATE ROLE \"" + s.serverUser() + "\" LOGIN PASSWORD '"
                                + s.serverPassword().replace("'", "''") + "'");
            }
            if (!member) {
                admin.createStatement().execute("GRANT \"" + s.serverUser() + "\" TO CURRENT_USER");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot provision the servers' role " + s.serverUser() + " on " + s.mode()
                            + " PostgreSQL; run bin/test, which provisions it",
                    e);
        }
    }

    private static boolean dockerAvailable() {
        if ("false".equals(System.getenv("ARTIFACTA_TEST_DOCKER"))) {
            return false;
        }
        try {
            // Answers within about a second when no engine exists; it does not hang.
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Drops test databases older than six hours (a concurrent run's are younger and stay). */
    private static void dropLeftovers(Connection admin) throws SQLException {
        long cutoff = System.currentTimeMillis() / 1000 - LEFTOVER_AGE_SECONDS;
        var old = new java.util.ArrayList<String>();
        try (var rows = admin.createStatement().executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                String database = rows.getString(1);
                if (!database.startsWith(PREFIX)) {
                    continue;
                }
                String[] parts = database.substring(PREFIX.length()).split("_");
                boolean dated = parts.length == 2 && parts[0].chars().allMatch(Character::isDigit);
                // Databases of the older naming (no time) are dropped too.
                if (!dated || Long.parseLong(parts[0]) < cutoff) {
                    old.add(database);
                }
            }
        }
        for (String database : old) {
            try {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + database);
            } catch (SQLException inUse) {
                // Still open somewhere: leave it for a later run.
            }
        }
    }

    private static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database.toLowerCase(Locale.ROOT) + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
