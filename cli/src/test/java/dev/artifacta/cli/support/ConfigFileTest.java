package dev.artifacta.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void writtenValuesReadBack_withQuotesAndBackslashes() {
        Path file = dir.resolve("artifacta/config.toml");
        ConfigFile.write(file, new ConfigFile.Values("ak_live_a\"b\\c", "https://api.example.com"));

        assertThat(ConfigFile.read(file))
                .isEqualTo(new ConfigFile.Values("ak_live_a\"b\\c", "https://api.example.com"));
    }

    @Test
    void theFileIsOnlyForItsOwner() throws Exception {
        Path file = dir.resolve("artifacta/config.toml");
        ConfigFile.write(file, new ConfigFile.Values("ak_live_x", null));
        ConfigFile.write(file, new ConfigFile.Values("ak_live_y", null));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(file)).doesNotContain("base_url").contains("ak_live_y");
    }

    @Test
    void commentsUnknownNamesAndLiteralStringsAreRead() throws Exception {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, "# mine\n[default]\napi_key = 'ak_live_z' # trailing\ncolor = \"auto\"\n\n");

        assertThat(ConfigFile.read(file)).isEqualTo(new ConfigFile.Values("ak_live_z", null));
    }

    @Test
    void anUnquotedValueIsAUsageError() throws Exception {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, "api_key = ak_live_z\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("config.toml:1");
    }

    @Test
    void aMissingFileHoldsNothing() {
        assertThat(ConfigFile.read(dir.resolve("none.toml"))).isEqualTo(new ConfigFile.Values(null, null));
    }

    @Test
    void keysAreRedactedToPrefixAndLastFour() {
        assertThat(Settings.redact("ak_live_x9f7v3m1p0q2r4s6t8u0w1y3z5a7b9c2")).isEqualTo("ak_live_…b9c2");
        assertThat(Settings.redact("short")).isEqualTo("…");
    }
}
