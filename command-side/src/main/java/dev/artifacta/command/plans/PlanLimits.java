package dev.artifacta.command.plans;

/**
 * What a plan allows. Plans and limits live in configuration; the server supplies them through
 * {@link PlanCatalog}.
 *
 * @param id the plan id stored in events, for example {@code free}
 * @param maxActiveKeys how many unrevoked, unexpired API keys a tenant may hold
 * @param monthlyRequests the request quota per calendar month (UTC)
 * @param storageBytes the storage quota
 * @param auditRetentionDays how long the audit view keeps entries
 */
public record PlanLimits(
        String id, int maxActiveKeys, long monthlyRequests, long storageBytes, int auditRetentionDays) {}
