package dev.artifacta.query.auditlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.events.Actor;
import dev.artifacta.events.ArtifactaEvent;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.EventJson;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.TenantPlanChanged;
import dev.artifacta.query.infrastructure.BatchWrites;
import dev.artifacta.query.infrastructure.StreamingView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.serialization.Serializer;

/**
 * Builds the audit view: one entry per event, attributed to the actor and request in the event's
 * metadata, chained to the tenant's previous entry by hash.
 *
 * <p>Events reach this projection in the order of the event stream within each tenant (the
 * processor sequences by tenant, and the event store appends a tenant's events one transaction at
 * a time), so a replay from zero computes the same sequence numbers and hashes. Every event
 * extends the chain, but an entry already past its tenant's retention window is not stored: the
 * chain continues from the tenant's head in {@code audit_tenant}, and the first stored entry names
 * the hash it chains from. The window is the tenant's current plan's, so a replay keeps exactly
 * what queries would show.
 *
 * <p>Within a processor batch the chain heads, retention windows and already applied ids of the
 * batch's tenants and events are read once, and its entries and moved heads written once at its
 * end ({@link AuditLogBatch}), in the batch's transaction. Outside a rebuild's load, a window is
 * read only for a tenant with an event older than the shortest window of any plan ({@link
 * AuditRetention#shortestWindow}): a live event is kept whatever the plan.
 */
@Singleton
@ProcessingGroup(AuditLogProjection.NAME)
@StreamingView(
        order = 20,
        tables = {"audit_log", "audit_tenant"},
        keyedAfterLoad = "audit_log",
        sequencing = StreamingView.Sequencing.PER_TENANT)
public class AuditLogProjection {

    public static final String NAME = "audit-log";

    private static final ObjectMapper JSON = EventJson.objectMapper();
    private static final String UNKNOWN_PLAN = "unknown";

    /** The unit-of-work resource holding a batch's chain heads and rows. */
    private static final String BATCH = AuditLogProjection.class.getName() + ".batch";

    private final AuditLogRepository entries;
    private final AuditTenants tenants;
    private final JdbcOperations jdbc;
    private final AuditChain chain;
    private final AuditRetention retention;
    private final Clock clock;
    private final Serializer serializer;
    private final Duration shortestWindow;

    public AuditLogProjection(
            AuditLogRepository entries,
            AuditTenants tenants,
            JdbcOperations jdbc,
            AuditChain chain,
            AuditRetention retention,
            Clock clock,
            Serializer serializer) {
        this.entries = entries;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.chain = chain;
        this.retention = retention;
        this.clock = clock;
        this.serializer = serializer;
        this.shortestWindow = retention.shortestWindow();
    }

    @EventHandler
    void on(ArtifactaEvent event, EventMessage<?> message) {
        BatchWrites.handle(BATCH, message, this::openBatch, batch -> apply(batch, event, message));
    }

    /**
     * Reads the batch's chain heads and applied ids, and the retention windows of the tenants with
     * an event older than the shortest window any plan has (of every tenant in a rebuild's load): a
     * younger entry is kept whatever its tenant's plan, so a live batch of recent events reads no
     * window.
     */
    private AuditLogBatch openBatch(List<? extends EventMessage<?>> events) {
        Set<String> tenantIds = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        Set<String> windowsNeeded = new HashSet<>();
        Instant keptByEveryPlan = keptByEveryPlan();
        // A rebuild's load reads them all, once per batch of a thousand events: old history is
        // what it mostly holds.
        boolean load = BatchWrites.isLoad();
        for (EventMessage<?> message : events) {
            if (message.getPayload() instanceof ArtifactaEvent event) {
                tenantIds.add(event.tenantId());
                eventIds.add(message.getIdentifier());
                if (load || message.getTimestamp().isBefore(keptByEveryPlan)) {
                    windowsNeeded.add(event.tenantId());
                }
            }
        }
        return AuditLogBatch.open(jdbc, tenants, retention, tenantIds, eventIds, windowsNeeded, load);
    }

    /** Entries at or after this instant are within every plan's window. */
    private Instant keptByEveryPlan() {
        return clock.instant().minus(shortestWindow);
    }

    private void apply(AuditLogBatch batch, ArtifactaEvent event, EventMessage<?> message) {
        if (batch.isApplied(message.getIdentifier())) {
            return; // already applied: a redelivered event changes nothing
        }
        Optional<AuditTenant> head = batch.head(event.tenantId());
        String plan =
                switch (event) {
                    case TenantCreated created -> created.plan();
                    case TenantPlanChanged changed -> changed.plan();
                    default -> head.map(AuditTenant::plan).orElse(UNKNOWN_PLAN);
                };
        // Two commands of a tenant may take their times in one order and commit in the other; the
        // chain keeps time from going backwards so that a time range is a contiguous run of entries.
        Instant occurredAt = message.getTimestamp().truncatedTo(ChronoUnit.MICROS);
        if (head.isPresent() && occurredAt.isBefore(head.get().lastOccurredAt())) {
            occurredAt = head.get().lastOccurredAt();
        }
        long sequence = head.map(h -> h.lastSequence() + 1).orElse(1L);
        String previousHash = head.map(AuditTenant::lastHash).orElse(AuditChain.GENESIS);

        AuditAction action = AuditAction.of(event);
        Map<String, ?> metadata = metadataOf(message);
        Actor actor = AuditMetadata.actor(metadata);
        RequestInfo request = AuditMetadata.request(metadata);
        AuditLogRow entry = new AuditLogRow(
                message.getIdentifier(),
                event.tenantId(),
                sequence,
                previousHash,
                null,
                occurredAt,
                action.action(),
                actor.type(),
                actor.id(),
                actor.displayName(),
                blankToNull(actor.keyId()),
                blankToNull(actor.keyName()),
                actor.identity() == null ? null : blankToNull(actor.identity().type()),
                actor.identity() == null ? null : blankToNull(actor.identity().name()),
                action.resourceType(),
                action.resourceId(),
                blankToNull(request.requestId()),
                blankToNull(request.clientAddress()),
                blankToNull(request.userAgent()),
                toJson(action));
        entry = entry.withHash(chain.hash(previousHash, entry));
        batch.record(
                message.getIdentifier(),
                isHeld(entry, batch) ? entry : null,
                new AuditTenant(event.tenantId(), plan, sequence, entry.hash(), occurredAt));
    }

    /**
     * The actor's and the request's keys of the event's metadata. An event read from the store
     * hands over its stored JSON as it is, which {@link AuditMetadata#fromJson} reads without
     * deserializing the rest (Axon's map of the whole metadata was a tenth of a rebuild's CPU); any
     * other event is serialized first, so both read the same.
     */
    private Map<String, ?> metadataOf(EventMessage<?> message) {
        Map<String, String> stored = AuditMetadata.fromJson(
                message.serializeMetaData(serializer, byte[].class).getData());
        return stored != null ? stored : message.getMetaData();
    }

    private boolean isHeld(AuditLogRow entry, AuditLogBatch batch) {
        if (!entry.occurredAt().isBefore(keptByEveryPlan())) {
            return true; // within every plan's window: the tenant's own need not be read
        }
        return !entry.occurredAt().isBefore(clock.instant().minus(batch.window(entry.tenantId())));
    }

    @ResetHandler
    void reset() {
        entries.deleteAll();
        tenants.deleteAll();
    }

    // An empty optional field and a missing one must hash alike in every export format.
    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String toJson(AuditAction action) {
        try {
            return JSON.writeValueAsString(action.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit details must serialize", e);
        }
    }
}
