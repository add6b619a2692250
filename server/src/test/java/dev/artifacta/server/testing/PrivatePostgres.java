package dev.artifacta.server.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own, which the test may stop and start: {@code initdb} into a
 * temporary directory, {@code pg_ctl} on a free loopback port, trust authentication on loopback
 * only. The suite's shared server is never stopped. Provisioned as {@code bin/test} provisions the
 * shared one: the owner role {@code artifacta} runs the migrations and the server connects as the
 * restricted {@code artifacta_app}.
 *
 * <p>Binaries come from {@code ARTIFACTA_TEST_PG_BIN}, else the newest
 * {@code /usr/lib/postgresql/<version>/bin}, else {@code pg_config --bindir}; {@link #binaries()}
 * is empty when there are none, so a test can skip. As root, PostgreSQL refuses to run, so every
 * command runs as the {@code postgres} user (as {@code bin/test} does), with the directory handed
 * to it. Every command is bounded in time, and {@link #close()} (also run by a shutdown hook)
 * stops the cluster and deletes the directory; clusters left by killed test JVMs are stopped by
 * the next start.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final String OWNER = "artifacta";
    private static final String SERVER_ROLE = "artifacta_app";
    private static final String DATABASE = "artifacta";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final String DIRECTORY_PREFIX = "artifacta-private-pg-";
    private static final Duration LEFTOVER_AGE = Duration.ofHours(2);

    private final Path bin;
    private final Path root;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asPostgresUser;
    private final Thread reaper;

    private PrivatePostgres(Path bin, Path root, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.log = root.resolve("postgres.log");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.reaper = new Thread(this::stopQuietly, "private-postgres-reaper");
    }

    /** Where PostgreSQL's programs are, if anywhere. */
    public static Optional<Path> binaries() {
        String configured = System.getenv("ARTIFACTA_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            return hasPrograms(bin) ? Optional.of(bin) : Optional.empty();
        }
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(PrivatePostgres::hasPrograms)
                        .max(Comparator.comparing(PrivatePostgres::majorVersion));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException unreadable) {
                // Fall through to pg_config.
            }
        }
        try {
            Result bindir = run(List.of("pg_config", "--bindir"), Duration.ofSeconds(10));
            Path bin = Path.of(bindir.output().strip());
            return bindir.exitCode() == 0 && hasPrograms(bin) ? Optional.of(bin) : Optional.empty();
        } catch (IOException | RuntimeException noPgConfig) {
            return Optional.empty();
        }
    }

    /**
     * Why no private cluster can be made here (no binaries; root without a {@code postgres} user or
     * {@code runuser} to act as it), or empty when one can: a test skips with this as its reason.
     */
    public static Optional<String> unavailableBecause() {
        if (binaries().isEmpty()) {
            return Optional.of("no PostgreSQL binaries (initdb, pg_ctl) under ARTIFACTA_TEST_PG_BIN,"
                    + " /usr/lib/postgresql/*/bin or pg_config --bindir");
        }
        try {
            if (!isRoot()) {
                return Optional.empty();
            }
            if (run(List.of("id", "-u", "postgres"), Duration.ofSeconds(10)).exitCode() != 0) {
                return Optional.of("running as root, and there is no postgres user to run PostgreSQL as");
            }
            if (locate("runuser").isEmpty()) {
                return Optional.of("running as root without runuser to act as the postgres user");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot tell who runs the tests: " + e);
        }
    }

    /**
     * Creates, starts and provisions a cluster with the binaries in {@code bin}. Throws when any
     * step fails, with PostgreSQL's output in the message.
     */
    public static PrivatePostgres start(Path bin) throws IOException, InterruptedException, SQLException {
        boolean root = isRoot();
        stopLeftovers(bin, root);
        Path directory = Files.createTempDirectory(DIRECTORY_PREFIX);
        if (root) {
            UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
            // PostgreSQL refuses to run as root and wants its data directory to be its own.
            Files.setOwner(directory, users.lookupPrincipalByName("postgres"));
        }
        PrivatePostgres cluster = new PrivatePostgres(bin, directory, freePort(), root);
        Runtime.getRuntime().addShutdownHook(cluster.reaper);
        try {
            cluster.pg(
                    "initdb",
                    "-D",
                    cluster.data.toString(),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-sync");
            cluster.startCluster();
            cluster.provision();
            return cluster;
        } catch (IOException | InterruptedException | SQLException | RuntimeException | AssertionError failed) {
            cluster.close();
            throw failed;
        }
    }

    /**
     * Stops and deletes the clusters of test JVMs that were killed before their shutdown hook ran
     * (older than {@link #LEFTOVER_AGE}: a concurrent run's are younger and stay).
     */
    private static void stopLeftovers(Path bin, boolean root) {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        long cutoff = System.currentTimeMillis() - LEFTOVER_AGE.toMillis();
        try (Stream<Path> entries = Files.list(temp)) {
            for (Path old : entries.filter(p -> p.getFileName().toString().startsWith(DIRECTORY_PREFIX))
                    .toList()) {
                if (Files.getLastModifiedTime(old).toMillis() > cutoff) {
                    continue;
                }
                PrivatePostgres leftover = new PrivatePostgres(bin, old, 0, root);
                leftover.stopQuietly();
                deleteQuietly(old);
            }
        } catch (IOException | RuntimeException unreadable) {
            // Leftovers only cost disk and a process; the new cluster does not need them gone.
        }
    }

    /** Starts the stopped cluster and returns once it accepts connections. */
    public void startCluster() throws IOException, InterruptedException {
        pg(
                "pg_ctl",
                "-D",
                data.toString(),
                "-l",
                log.toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c max_connections=60",
                "start");
    }

    /**
     * Stops the cluster at once, as a crash would ({@code -m immediate}: every backend is killed,
     * nothing is flushed beyond what was committed); the next start recovers from the WAL.
     */
    public void stopImmediately() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
    }

    /** The data source properties the server under test uses, as {@link TestDatabase#freshPostgres()} names them. */
    public Map<String, String> serverProperties() {
        return Map.of(
                "datasources.default.url", jdbcUrl(DATABASE),
                "datasources.default.username", SERVER_ROLE,
                "datasources.default.password", SERVER_ROLE,
                "artifacta.database.migration-user", OWNER,
                "artifacta.database.migration-password", OWNER);
    }

    /** A connection as the owner role, for the test's own queries. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(DATABASE), OWNER, OWNER);
    }

    public int port() {
        return port;
    }

    /** The last lines of PostgreSQL's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- tail of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it stops the same cluster.
        }
        deleteQuietly(root);
    }

    private void stopQuietly() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                stopImmediately();
            } catch (IOException | RuntimeException | AssertionError e) {
                System.out.println("private PostgreSQL at " + root + " did not stop: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void provision() throws SQLException {
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + OWNER + " LOGIN CREATEDB PASSWORD '" + OWNER + "'");
            sql.execute("CREATE ROLE " + SERVER_ROLE + " LOGIN PASSWORD '" + SERVER_ROLE + "'");
            sql.execute("GRANT " + SERVER_ROLE + " TO " + OWNER);
            sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Runs one of PostgreSQL's programs (as the postgres user when we are root); fails on a non-zero exit. */
    private void pg(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        if (asPostgresUser) {
            // runuser passes the arguments as they are (no shell), and needs no password as root.
            String runuser = locate("runuser").map(Path::toString).orElse("runuser");
            List<String> asPostgres = new ArrayList<>(List.of(runuser, "-u", "postgres", "--"));
            asPostgres.addAll(command);
            command = asPostgres;
        }
        Result result = run(command, COMMAND_TIMEOUT, root);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    program + " exited with " + result.exitCode() + ":\n" + result.output() + "\n" + logTail());
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, Duration timeout) throws IOException {
        try {
            return run(command, timeout, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }

    /** Runs a command with its output in a file (a pipe left unread could block it), killed after {@code timeout}. */
    private static Result run(List<String> command, Duration timeout, Path directory)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("private-pg-command", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            if (directory != null) {
                // The postgres user must be able to enter the working directory.
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("not finished within " + timeout + ": " + String.join(" ", command)
                        + "\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean isRoot() throws IOException {
        return "0"
                .equals(run(List.of("id", "-u"), Duration.ofSeconds(10))
                        .output()
                        .strip());
    }

    /** A program on the PATH or in the system directories root's PATH usually has. */
    private static Optional<Path> locate(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean hasPrograms(Path bin) {
        return Files.isExecutable(bin.resolve("initdb"))
                && Files.isExecutable(bin.resolve("pg_ctl"))
                && Files.isExecutable(bin.resolve("postgres"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException leftBehind) {
                    // A temporary directory: the system cleans it eventually.
                }
            });
        } catch (IOException leftBehind) {
            // As above.
        }
    }
}
