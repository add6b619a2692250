package dev.artifacta.server.processing.store;

import dev.artifacta.events.ArtifactaEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The JDBC event store, appending each tenant's events one transaction at a time.
 *
 * <p>Global positions come from a sequence when a row is inserted, but transactions commit in their
 * own order, so without this a tenant's event at position 11 could become visible before the one at
 * 10 and a tracking processor would see them out of order. The audit view chains each tenant's
 * entries by hash in the order it sees them, and a replay (which reads in position order) must
 * compute the same chain. Taking a per-tenant lock just before the insert, held until commit, makes
 * position order and commit order the same within a tenant; different tenants never wait for each
 * other. Nothing but the insert and the commit runs under the lock: the events are serialized before
 * it. On PostgreSQL the lock is a transaction-scoped advisory lock (no row is written); on H2 it
 * is the tenant's row in {@code tenant_registry}.
 */
class TenantOrderedEventStorageEngine extends StreamReadingJdbcEventStorageEngine {

    /** Keeps Artifacta's advisory locks apart from any other user of the same database. */
    private static final long LOCK_NAMESPACE = 0x4172746966616374L; // "Artifact"

    private final DatabaseVendor vendor;

    TenantOrderedEventStorageEngine(JdbcEventStorageEngine.Builder builder, DatabaseVendor vendor) {
        super(builder);
        this.vendor = vendor;
    }

    @Override
    protected PreparedStatement appendEvents(
            Connection connection, List<? extends EventMessage<?>> events, Serializer serializer) throws SQLException {
        var tenants = new TreeSet<String>(); // sorted: two tenants are always locked in one order
        for (EventMessage<?> event : events) {
            if (event.getPayload() instanceof ArtifactaEvent artifactaEvent) {
                tenants.add(artifactaEvent.tenantId());
            }
            // Serialized before the lock, not under it: the message keeps its serialized form, and
            // Axon's insert below reuses it.
            event.serializePayload(serializer, EventStoreFactory.STORED_AS);
            event.serializeMetaData(serializer, EventStoreFactory.STORED_AS);
        }
        for (String tenant : tenants) {
            lock(connection, tenant);
        }
        if (vendor != DatabaseVendor.POSTGRESQL) {
            return super.appendEvents(connection, events, serializer);
        }
        // The insert returns the rows' positions for the read-your-writes wait (RETURNING).
        String position = schema().globalIndexColumn();
        return InsertedPositions.reporting(
                super.appendEvents(InsertedPositions.returning(connection, position), events, serializer),
                AppendedEvents::inserted);
    }

    private void lock(Connection connection, String tenantId) throws SQLException {
        if (vendor == DatabaseVendor.POSTGRESQL) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                statement.setLong(1, LOCK_NAMESPACE ^ fnv1a64(tenantId));
                statement.execute();
            }
        } else {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT tenant_id FROM tenant_registry WHERE tenant_id = ? FOR UPDATE")) {
                statement.setString(1, tenantId);
                try (ResultSet ignored = statement.executeQuery()) {
                    // the lock is the point; a tenant still being created has no row and no rival
                }
            }
        }
    }

    /** A 64-bit hash of the tenant id; two tenants sharing one only wait for each other. */
    static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
