package dev.artifacta.server.audit;

import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.query.auditlog.AuditLogPurge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges the audit view of entries past their tenant's retention window, on a schedule, in bounded
 * batches. Queries already hide such entries, so the purge only reclaims space; it waits a grace
 * period past the window so that an export starting at the window's edge is never cut short.
 */
@Singleton
@Requires(property = "artifacta.audit.purge.enabled", notEquals = "false")
public class AuditRetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetentionJob.class);

    private final AuditLogPurge purge;
    private final PlanCatalog plans;
    private final Clock clock;
    private final Duration grace;
    private final int batchSize;
    private final int maxBatches;
    private final Counter purged;

    public AuditRetentionJob(
            AuditLogPurge purge,
            PlanCatalog plans,
            Clock clock,
            MeterRegistry meters,
            @Value("${artifacta.audit.purge.grace:1h}") Duration grace,
            @Value("${artifacta.audit.purge.batch-size:1000}") int batchSize,
            @Value("${artifacta.audit.purge.max-batches-per-run:200}") int maxBatches) {
        this.purge = purge;
        this.plans = plans;
        this.clock = clock;
        this.grace = grace;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
        this.purged = Counter.builder("artifacta.audit.purged")
                .description("Audit entries removed from the audit view by retention")
                .register(meters);
    }

    @Scheduled(
            fixedDelay = "${artifacta.audit.purge.interval:10m}",
            initialDelay = "${artifacta.audit.purge.initial-delay:1m}")
    void scheduled() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("Audit retention purge failed; it runs again at the next interval", e);
        }
    }

    /** Runs one purge: batches per plan until nothing is left or the run's batch budget is spent. */
    public PurgeRun purgeExpired() {
        Instant now = clock.instant();
        long removed = 0;
        int batches = 0;
        for (PlanLimits plan : plans.all()) {
            Instant cutoff =
                    now.minus(Duration.ofDays(plan.auditRetentionDays())).minus(grace);
            int deleted;
            do {
                if (batches >= maxBatches) {
                    return finish(removed, batches, false);
                }
                deleted = purge.purgeBatch(plan.id(), cutoff, batchSize);
                batches++;
                removed += deleted;
                purged.increment(deleted);
            } while (deleted == batchSize);
        }
        return finish(removed, batches, true);
    }

    private PurgeRun finish(long removed, int batches, boolean complete) {
        if (removed > 0) {
            LOG.info(
                    "Audit retention removed {} entries in {} batches{}",
                    removed,
                    batches,
                    complete ? "" : " (more remain)");
        }
        return new PurgeRun(removed, batches, complete);
    }

    /** What one run did. */
    public record PurgeRun(long removed, int batches, boolean complete) {}
}
