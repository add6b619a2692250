package dev.artifacta.command.plans;

import java.util.Collection;
import java.util.Optional;

/** The plans this deployment offers, from configuration. */
public interface PlanCatalog {

    Optional<PlanLimits> find(String planId);

    Collection<PlanLimits> all();

    /** The plan new tenants start on. */
    String defaultPlan();
}
