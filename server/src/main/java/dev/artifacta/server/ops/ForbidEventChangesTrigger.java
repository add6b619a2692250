package dev.artifacta.server.ops;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's counterpart of the PostgreSQL trigger that makes the event table append-only. */
public final class ForbidEventChangesTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(
                "events are immutable: UPDATE and DELETE on domain_event_entry are not allowed", "42501");
    }
}
