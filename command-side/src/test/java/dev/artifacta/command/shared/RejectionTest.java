package dev.artifacta.command.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectionTest {

    @Test
    void givenDetailQuotingAnApiKey_whenRejected_thenTheKeyIsMasked() {
        String key = "ak_live_" + "Ab1".repeat(10) + "Zz";

        Rejection rejection = new InvalidRequest("unknown-scope", "Unknown scope '" + key + "'.");

        assertThat(rejection.detail()).doesNotContain(key).contains("ak_live_[redacted]");
        assertThat(rejection.getMessage()).doesNotContain(key);
    }
}
