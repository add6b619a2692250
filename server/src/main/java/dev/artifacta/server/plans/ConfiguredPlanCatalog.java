package dev.artifacta.server.plans;

import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanLimits;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The plans from {@code artifacta.plans}, with the tenant's starting plan from {@code artifacta.default-plan}. */
@Singleton
public class ConfiguredPlanCatalog implements PlanCatalog {

    private final Map<String, PlanLimits> plans;
    private final String defaultPlan;

    public ConfiguredPlanCatalog(
            List<PlanProperties> configured, @Value("${artifacta.default-plan:free}") String defaultPlan) {
        this.plans = configured.stream()
                .map(p -> new PlanLimits(
                        p.getId(),
                        p.getMaxActiveKeys(),
                        p.getMonthlyRequests(),
                        p.getStorageBytes(),
                        p.getAuditRetentionDays(),
                        p.getVersionHistoryDays(),
                        p.getRank(),
                        p.isPrivateArtifacts(),
                        p.isEmailAllowlists(),
                        p.isShareLinks(),
                        p.isPublicEdit()))
                .collect(Collectors.toUnmodifiableMap(PlanLimits::id, Function.identity()));
        if (!plans.containsKey(defaultPlan)) {
            throw new IllegalStateException(
                    "artifacta.default-plan '" + defaultPlan + "' is not among artifacta.plans " + plans.keySet());
        }
        this.defaultPlan = defaultPlan;
    }

    @Override
    public Optional<PlanLimits> find(String planId) {
        return Optional.ofNullable(plans.get(planId));
    }

    @Override
    public Collection<PlanLimits> all() {
        return plans.values();
    }

    @Override
    public String defaultPlan() {
        return defaultPlan;
    }
}
