package dev.artifacta.server.ops;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's counterpart of the PostgreSQL trigger that makes the event table (and the issued audit
 * checkpoints) append-only.
 */
public final class ForbidEventChangesTrigger implements Trigger {

    private String table = "domain_event_entry";

    @Override
    public void init(
            Connection connection, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("events are immutable: UPDATE and DELETE on " + table + " are not allowed", "42501");
    }
}
