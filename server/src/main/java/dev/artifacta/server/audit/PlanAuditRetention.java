package dev.artifacta.server.audit;

import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.query.auditlog.AuditRetention;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/** Audit retention from the plans' configuration ({@code artifacta.plans.<plan>.audit-retention-days}). */
@Singleton
public class PlanAuditRetention implements AuditRetention {

    /** What an unknown plan keeps: everything, until the plan is known again. */
    static final Duration UNBOUNDED = Duration.ofDays(365L * 1000);

    private final PlanCatalog plans;

    public PlanAuditRetention(PlanCatalog plans) {
        this.plans = plans;
    }

    @Override
    public Duration windowOf(String plan) {
        return plans.find(plan)
                .map(PlanLimits::auditRetentionDays)
                .map(Duration::ofDays)
                .orElse(UNBOUNDED);
    }

    /** The oldest instant a tenant on this plan still sees in its audit trail. */
    public Instant notBefore(String plan, Instant now) {
        return now.minus(windowOf(plan));
    }
}
