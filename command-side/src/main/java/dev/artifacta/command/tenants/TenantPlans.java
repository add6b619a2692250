package dev.artifacta.command.tenants;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The tenants' current plans, as the command side's lookup table knows them. */
public interface TenantPlans {

    /** The tenant's current plan, if the tenant exists. */
    Optional<String> planOf(String tenantId);

    /** The current plans of those of the tenants that exist, in one query. */
    Map<String, String> plansOf(Collection<String> tenantIds);
}
