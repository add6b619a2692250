package dev.artifacta.query.auditlog;

import dev.artifacta.query.infrastructure.BatchWrites;
import dev.artifacta.query.infrastructure.Rows;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit view's state for one processor batch: the chain heads, retention windows and already
 * applied event ids of the batch's tenants and events, read with one query each when the batch
 * opens (windows only of the tenants that have an event old enough to need one; any other is read
 * when asked), and the entries and heads it produced, written when it ends.
 *
 * <p>A tenant's events all go to one segment, so no other batch moves the heads this one holds.
 */
final class AuditLogBatch implements BatchWrites.Batch {

    private static final List<String> COLUMNS = List.of(
            "event_id",
            "tenant_id",
            "sequence",
            "previous_hash",
            "hash",
            "occurred_at",
            "action",
            "actor_type",
            "actor_id",
            "actor_display_name",
            "actor_key_id",
            "actor_key_name",
            "actor_identity_type",
            "actor_identity_name",
            "resource_type",
            "resource_id",
            "request_id",
            "client_address",
            "user_agent",
            "details");

    private final JdbcOperations jdbc;
    private final AuditTenants tenants;
    private final Map<String, AuditTenant> heads;
    private final Set<String> storedHeads;
    private final AuditRetention retention;
    private final Map<String, Duration> windows;
    private final Set<String> applied;
    private final Rows.Pending entries;
    private final Map<String, AuditTenant> movedHeads = new LinkedHashMap<>();

    private AuditLogBatch(
            JdbcOperations jdbc,
            AuditTenants tenants,
            Map<String, AuditTenant> heads,
            AuditRetention retention,
            Map<String, Duration> windows,
            Set<String> applied,
            boolean load) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.heads = heads;
        this.storedHeads = new HashSet<>(heads.keySet());
        this.retention = retention;
        this.windows = new HashMap<>(windows);
        this.applied = applied;
        // A load's entries are many and go into an empty copy: written out as they come.
        this.entries = new Rows.Pending("audit_log", COLUMNS, load);
    }

    /** Opens a batch; {@code load}: it is part of a rebuild's load ({@link BatchWrites#isLoad()}). */
    static AuditLogBatch open(
            JdbcOperations jdbc,
            AuditTenants tenants,
            AuditRetention retention,
            Set<String> tenantIds,
            Set<String> eventIds,
            Set<String> windowTenantIds,
            boolean load) {
        // A rebuild's load hands every event once to an empty copy, which has no key to look it up by.
        Set<String> applied = load
                ? Set.of()
                : jdbc.execute(connection -> Rows.existing(connection, "audit_log", "event_id", eventIds));
        return new AuditLogBatch(
                jdbc,
                tenants,
                tenants.findAll(tenantIds),
                retention,
                windowTenantIds.isEmpty() ? Map.of() : retention.currentWindows(windowTenantIds),
                new HashSet<>(applied),
                load);
    }

    /** Whether the event is in the view already (stored before, or earlier in this batch). */
    boolean isApplied(String eventId) {
        return applied.contains(eventId);
    }

    Optional<AuditTenant> head(String tenantId) {
        return Optional.ofNullable(heads.get(tenantId));
    }

    /** The tenant's retention window, read once per batch. */
    Duration window(String tenantId) {
        return windows.computeIfAbsent(tenantId, retention::currentWindow);
    }

    /** Records an applied event: its entry if the view keeps it ({@code null} if not) and the new head. */
    void record(String eventId, AuditLogRow entry, AuditTenant head) {
        applied.add(eventId);
        if (entry != null) {
            entries.add(columns(entry));
        }
        heads.put(head.tenantId(), head);
        movedHeads.put(head.tenantId(), head);
    }

    @Override
    public void flush() {
        jdbc.execute(connection -> {
            entries.insert(connection);
            tenants.saveAll(connection, movedHeads.values(), storedHeads);
            return null;
        });
        storedHeads.addAll(movedHeads.keySet());
        movedHeads.clear();
    }

    /** The entry's values in the order of {@link #COLUMNS}. */
    private static Object[] columns(AuditLogRow e) {
        return new Object[] {
            e.eventId(),
            e.tenantId(),
            e.sequence(),
            e.previousHash(),
            e.hash(),
            e.occurredAt(),
            e.action(),
            e.actorType(),
            e.actorId(),
            e.actorDisplayName(),
            e.actorKeyId(),
            e.actorKeyName(),
            e.actorIdentityType(),
            e.actorIdentityName(),
            e.resourceType(),
            e.resourceId(),
            e.requestId(),
            e.clientAddress(),
            e.userAgent(),
            e.details()
        };
    }
}
