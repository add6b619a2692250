package dev.artifacta.cli.support;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the CLI's settings come from. The API key: {@code --token} (with a warning), else
 * {@code ARTIFACTA_API_KEY} (or its alias {@code AGENT_ARTIFACTS_TOKEN}), else the config file. The base URL: {@code --base-url}, else
 * {@code ARTIFACTA_BASE_URL} (alias {@code AGENT_ARTIFACTS_BASE_URL}), else the config file, else
 * the default.
 */
public final class Settings {

    public static final String DEFAULT_BASE_URL = "http://localhost:8080";

    /** Where a resolved key came from, for {@code auth status} and messages. */
    public record Key(String value, String source) {}

    private final GlobalOptions options;
    private ConfigFile.Values config;

    public Settings(GlobalOptions options) {
        this.options = options;
    }

    /** The first of the named environment variables that is set and not blank, or null. */
    public static String env(String... names) {
        for (String name : names) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** The first set variable's name, for messages, or null. */
    public static String envName(String... names) {
        for (String name : names) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return name;
            }
        }
        return null;
    }

    static boolean truthy(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }

    public ConfigFile.Values config() {
        if (config == null) {
            config = ConfigFile.read(configPath());
        }
        return config;
    }

    /** {@code $XDG_CONFIG_HOME/artifacta/config.toml}, XDG's default being {@code $HOME/.config}. */
    public static Path configPath() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg).resolve("artifacta").resolve("config.toml");
        }
        // $HOME as the shell sees it (Java's user.home comes from the password database instead).
        String home = System.getenv("HOME");
        Path base = Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".config");
        return base.resolve("artifacta").resolve("config.toml");
    }

    /** The API key to send, or null when none is configured: {@code --token}, the environment, the config file. */
    public Key key() {
        if (options.tokenOption() != null && !options.tokenOption().isBlank()) {
            return new Key(options.tokenOption().strip(), "--token");
        }
        String envName = envName("ARTIFACTA_API_KEY", "AGENT_ARTIFACTS_TOKEN");
        if (envName != null) {
            return new Key(System.getenv(envName).strip(), "env " + envName);
        }
        String stored = config().apiKey();
        return stored == null ? null : new Key(stored, "config " + configPath());
    }

    public String baseUrl() {
        String url = options.baseUrlOption();
        if (url == null) {
            url = env("ARTIFACTA_BASE_URL", "AGENT_ARTIFACTS_BASE_URL");
        }
        if (url == null) {
            url = config().baseUrl();
        }
        if (url == null) {
            url = DEFAULT_BASE_URL;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The base URL when given on the command line or in the environment (worth storing), else null. */
    public String explicitBaseUrl() {
        return options.baseUrlOption() != null
                ? options.baseUrlOption()
                : env("ARTIFACTA_BASE_URL", "AGENT_ARTIFACTS_BASE_URL");
    }

    /** A key shown without its secret part: its first 8 characters (ak_live_) and last 4. */
    public static String redact(String key) {
        if (key == null) {
            return "";
        }
        return key.length() <= 16 ? "…" : key.substring(0, 8) + "…" + key.substring(key.length() - 4);
    }
}
