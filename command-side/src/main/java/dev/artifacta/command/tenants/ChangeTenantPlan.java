package dev.artifacta.command.tenants;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move a tenant to another plan (an operator action). */
public record ChangeTenantPlan(@TargetAggregateIdentifier String tenantId, String plan, Instant now) {}
