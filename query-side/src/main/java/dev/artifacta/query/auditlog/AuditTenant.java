package dev.artifacta.query.auditlog;

import java.time.Instant;

/**
 * A tenant's chain head and plan as the audit view knows them.
 *
 * @param tenantId the tenant
 * @param plan the tenant's plan as of the last event the view applied
 * @param lastSequence the sequence of the newest entry in the tenant's chain
 * @param lastHash that entry's hash
 * @param lastOccurredAt that entry's time; no later entry has an earlier one
 */
public record AuditTenant(String tenantId, String plan, long lastSequence, String lastHash, Instant lastOccurredAt) {}
