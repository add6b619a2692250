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
 * @param versionHistoryDays how long versions other than the head stay readable
 * @param rank orders plans from cheapest (0) up, to name the plan an upgrade needs
 * @param privateArtifacts whether artifacts may be private
 * @param emailAllowlists whether artifacts may list viewer emails
 * @param shareLinks whether share links may be created
 * @param publicEdit whether artifacts may be publicly editable
 */
public record PlanLimits(
        String id,
        int maxActiveKeys,
        long monthlyRequests,
        long storageBytes,
        int auditRetentionDays,
        int versionHistoryDays,
        int rank,
        boolean privateArtifacts,
        boolean emailAllowlists,
        boolean shareLinks,
        boolean publicEdit) {

    /** Only the key-related limits matter (tests, tools); the rest take the free plan's values. */
    public static PlanLimits keysOnly(String id, int maxActiveKeys) {
        return new PlanLimits(id, maxActiveKeys, 10_000, 1L << 30, 7, 30, 0, false, false, false, false);
    }
}
