package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An operator moved a tenant to another plan.
 *
 * @param tenantId the tenant
 * @param previousPlan the plan id before the change
 * @param plan the plan id from now on
 * @param changedAt when the change took effect
 */
@Revision("1")
public record TenantPlanChanged(String tenantId, String previousPlan, String plan, Instant changedAt)
        implements TenantEvent {}
