package dev.artifacta.command.plans;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Two plans, free (10 keys) and pro (100 keys), for tests that need a catalog. */
public final class FakePlanCatalog implements PlanCatalog {

    private static final List<PlanLimits> PLANS =
            List.of(PlanLimits.keysOnly("free", 10), PlanLimits.keysOnly("pro", 100));

    @Override
    public Optional<PlanLimits> find(String planId) {
        return PLANS.stream().filter(plan -> plan.id().equals(planId)).findFirst();
    }

    @Override
    public Collection<PlanLimits> all() {
        return PLANS;
    }

    @Override
    public String defaultPlan() {
        return "free";
    }
}
