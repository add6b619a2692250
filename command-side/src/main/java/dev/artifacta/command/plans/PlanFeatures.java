package dev.artifacta.command.plans;

/**
 * What a tenant's plan allows its artifacts, as commands carry it (the aggregate never looks plans
 * up). {@code upgradeTo} names the plan a refused feature needs.
 *
 * @param plan the tenant's plan id
 * @param privateArtifacts whether artifacts may be private (not publicly viewable)
 * @param emailAllowlists whether access settings may list viewer emails
 * @param shareLinks whether share links may be created
 * @param publicEdit whether artifacts may be publicly editable
 * @param storageBytes the storage quota
 * @param versionHistoryDays how long versions other than the head stay readable
 * @param upgradeTo the cheapest plan that has every feature, for messages
 */
public record PlanFeatures(
        String plan,
        boolean privateArtifacts,
        boolean emailAllowlists,
        boolean shareLinks,
        boolean publicEdit,
        long storageBytes,
        int versionHistoryDays,
        String upgradeTo) {}
