package dev.artifacta.command.plans;

import dev.artifacta.command.shared.Rejection;
import java.util.Map;

/** The tenant's plan does not include a feature the command needs. */
public final class PlanUpgradeRequired extends Rejection {

    private final String feature;
    private final String plan;
    private final String requiredPlan;

    public PlanUpgradeRequired(String feature, PlanFeatures features) {
        super(
                Kind.FORBIDDEN,
                "plan-upgrade-required",
                capitalized(feature) + " need the " + features.upgradeTo() + " plan or higher; this tenant is on the "
                        + features.plan() + " plan.");
        this.feature = feature;
        this.plan = features.plan();
        this.requiredPlan = features.upgradeTo();
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("feature", feature, "plan", plan, "requiredPlan", requiredPlan);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
