package dev.artifacta.cli.support;

import dev.artifacta.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The config file, {@code config.toml}: the small TOML subset the CLI writes, one
 * {@code key = "string"} per line ({@code api_key}, {@code base_url}), comments and blank lines
 * ignored. Written with mode 0600 (its directory 0700), since it holds a secret.
 */
public final class ConfigFile {

    /** The values the file holds (null when absent). */
    public record Values(String apiKey, String baseUrl) {
        public Values withApiKey(String key) {
            return new Values(key, baseUrl);
        }

        public Values withBaseUrl(String url) {
            return new Values(apiKey, url);
        }
    }

    private ConfigFile() {}

    public static Values read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Values(null, null);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
        String apiKey = null;
        String baseUrl = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("[")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new CliException(ExitCodes.USAGE, file + ":" + (i + 1) + ": expected key = \"value\"");
            }
            String name = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip(), file, i + 1);
            switch (name) {
                case "api_key" -> apiKey = value;
                case "base_url" -> baseUrl = value;
                default -> {
                    // Other settings belong to newer versions of the CLI: keep reading.
                }
            }
        }
        return new Values(apiKey, baseUrl);
    }

    /** Writes the file atomically with mode 0600; a null value leaves its line out. */
    public static void write(Path file, Values values) {
        StringBuilder text = new StringBuilder("# artifacta CLI configuration (holds a secret: keep it mode 0600)\n");
        if (values.apiKey() != null) {
            text.append("api_key = ").append(quote(values.apiKey())).append('\n');
        }
        if (values.baseUrl() != null) {
            text.append("base_url = ").append(quote(values.baseUrl())).append('\n');
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                createPrivate(dir, "rwx------", true);
            }
            Path temp = dir.resolve(".config.toml." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temp);
            // Created 0600 from the start, so the secret is never readable by others, not even briefly.
            createPrivate(temp, "rw-------", false);
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void createPrivate(Path path, String mode, boolean directory) throws IOException {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (directory) {
                if (posix) {
                    Files.createDirectories(
                            path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
                } else {
                    Files.createDirectories(path);
                }
            } else if (posix) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            // A directory made concurrently is fine.
        }
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String unquote(String raw, Path file, int lineNumber) {
        // Anything after the closing quote (a comment) is ignored.
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            if (end < 0) {
                throw new CliException(ExitCodes.USAGE, file + ":" + lineNumber + ": unterminated string");
            }
            return raw.substring(1, end);
        }
        if (!raw.startsWith("\"")) {
            throw new CliException(ExitCodes.USAGE, file + ":" + lineNumber + ": values must be quoted strings");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                out.append(
                        switch (next) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
        }
        throw new CliException(ExitCodes.USAGE, file + ":" + lineNumber + ": unterminated string");
    }
}
