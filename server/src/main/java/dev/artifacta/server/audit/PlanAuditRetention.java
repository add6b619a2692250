package dev.artifacta.server.audit;

import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.command.tenants.TenantPlans;
import dev.artifacta.query.auditlog.AuditRetention;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Audit retention from the plans' configuration ({@code artifacta.plans.<plan>.audit-retention-days})
 * and each tenant's current plan ({@code tenant_registry}, written in the same transaction as every
 * plan change, so never stale). The audit view asks once per event: one primary-key read.
 */
@Singleton
public class PlanAuditRetention implements AuditRetention {

    /** What an unknown plan keeps: everything, until the plan is known again. */
    static final Duration UNBOUNDED = Duration.ofDays(365L * 1000);

    private final PlanCatalog plans;
    private final TenantPlans tenants;

    public PlanAuditRetention(PlanCatalog plans, TenantPlans tenants) {
        this.plans = plans;
        this.tenants = tenants;
    }

    @Override
    public Duration currentWindow(String tenantId) {
        return tenants.planOf(tenantId).map(this::windowOf).orElse(UNBOUNDED);
    }

    @Override
    public Map<String, Duration> currentWindows(Collection<String> tenantIds) {
        Map<String, Duration> windows = new HashMap<>();
        tenants.plansOf(tenantIds).forEach((tenantId, plan) -> windows.put(tenantId, windowOf(plan)));
        for (String tenantId : tenantIds) {
            windows.putIfAbsent(tenantId, UNBOUNDED);
        }
        return windows;
    }

    /** The shortest window of the plans offered (an unknown plan keeps everything, longer than any). */
    @Override
    public Duration shortestWindow() {
        return plans.all().stream()
                .map(plan -> windowOf(plan.id()))
                .min(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** The window of a plan; an unknown plan keeps everything. */
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
