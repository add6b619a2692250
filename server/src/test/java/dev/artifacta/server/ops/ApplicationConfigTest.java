package dev.artifacta.server.ops;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration file has no key twice at one level: YAML lets the second silently replace the
 * first (a second {@code artifacta.auth} block once hid every sign-in setting, while the tests, which
 * set properties directly, still passed).
 */
class ApplicationConfigTest {

    @Test
    void applicationYmlHasNoDuplicateKeys() throws Exception {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (InputStream yml = getClass().getResourceAsStream("/application.yml")) {
            assertThatCode(() -> new Yaml(options).load(yml)).doesNotThrowAnyException();
        }
    }
}
