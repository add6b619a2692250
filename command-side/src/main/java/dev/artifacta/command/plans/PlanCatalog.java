package dev.artifacta.command.plans;

import java.util.Collection;
import java.util.Optional;

/** The plans this deployment offers, from configuration. */
public interface PlanCatalog {

    Optional<PlanLimits> find(String planId);

    Collection<PlanLimits> all();

    /** The plan new tenants start on. */
    String defaultPlan();

    /** The artifact features of a plan, with the cheapest plan that has them all to name in refusals. */
    default PlanFeatures featuresOf(String planId) {
        PlanLimits plan = find(planId).orElseThrow(() -> new UnknownPlan(planId));
        String upgradeTo = all().stream()
                .filter(p -> p.privateArtifacts() && p.emailAllowlists() && p.shareLinks() && p.publicEdit())
                .min(java.util.Comparator.comparingInt(PlanLimits::rank))
                .map(PlanLimits::id)
                .orElse(planId);
        return new PlanFeatures(
                plan.id(),
                plan.privateArtifacts(),
                plan.emailAllowlists(),
                plan.shareLinks(),
                plan.publicEdit(),
                plan.storageBytes(),
                plan.versionHistoryDays(),
                upgradeTo);
    }
}
