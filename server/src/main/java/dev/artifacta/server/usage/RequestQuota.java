package dev.artifacta.server.usage;

import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

/** The monthly request quota of each plan, checked on every authenticated request. */
@Singleton
public class RequestQuota {

    private final UsageCounters counters;
    private final PlanCatalog plans;

    public RequestQuota(UsageCounters counters, PlanCatalog plans) {
        this.counters = counters;
        this.plans = plans;
    }

    /** Refuses with 429 and {@code Retry-After} (seconds until next month, UTC) once the quota is spent. */
    public void checkWithinQuota(String tenantId, String planId, Instant now) {
        PlanLimits plan = limitsOf(planId);
        long used = counters.requestsInMonth(tenantId, now);
        if (used >= plan.monthlyRequests()) {
            Instant resetsAt = startOfNextMonth(now);
            long retryAfter = Math.max(1, Duration.between(now, resetsAt).toSeconds());
            throw new ProblemException(
                    Problem.of(
                                    "request-quota-exceeded",
                                    "Monthly request quota exceeded",
                                    429,
                                    "The " + plan.id() + " plan allows " + plan.monthlyRequests()
                                            + " requests per month and this month's are used up. The quota resets at "
                                            + resetsAt + "; upgrade the plan for more.")
                            .with("plan", plan.id())
                            .with("limit", plan.monthlyRequests())
                            .with("used", used)
                            .with("resetsAt", resetsAt.toString()),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    /** Whether the tenant's count for the month of {@code now} is in memory (checking it needs no database). */
    public boolean isCounted(String tenantId, Instant now) {
        return counters.isCounted(tenantId, now);
    }

    /** Counts a request of the tenant, made with the key (or without one: null). */
    public void recordRequest(String tenantId, String keyId, Instant now) {
        counters.recordRequest(tenantId, keyId, now);
    }

    public PlanLimits limitsOf(String planId) {
        return plans.find(planId)
                .orElseThrow(() -> new IllegalStateException("Plan '" + planId + "' is not configured"));
    }

    public static Instant startOfNextMonth(Instant now) {
        return YearMonth.from(now.atOffset(ZoneOffset.UTC))
                .plusMonths(1)
                .atDay(1)
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }
}
