package dev.artifacta.server.processing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AsynchronousCommitTest {

    @Test
    void givenAxonsTokenUpdate_whenTheSettingIsAdded_thenItIsReadInTheFromClauseBeforeTheConditions() {
        String update = "UPDATE token_entry SET token = ?, token_type = ?, timestamp = ? "
                + "WHERE owner = ? AND processor_name = ? AND segment = ? ";

        assertThat(AsynchronousCommit.withSetting(update))
                .isEqualTo("UPDATE token_entry SET token = ?, token_type = ?, timestamp = ? "
                        + "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit "
                        + "WHERE owner = ? AND processor_name = ? AND segment = ? ");
    }

    @Test
    void givenAStatementWithoutConditions_whenTheSettingIsAdded_thenItIsRefused() {
        assertThatThrownBy(() -> AsynchronousCommit.withSetting("UPDATE token_entry SET token = ?"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
