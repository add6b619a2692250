package dev.artifacta.command.apikeys;

/**
 * The facts about a tenant's keys that a new key must respect, read under a lock on the tenant so
 * two concurrent creations cannot both take the last slot.
 *
 * @param plan the tenant's plan id
 * @param maxActiveKeys the plan's limit
 * @param activeKeys how many unrevoked, unexpired keys the tenant holds
 * @param nameTaken whether an active key already has the requested name
 */
public record KeyAllowance(String plan, int maxActiveKeys, long activeKeys, boolean nameTaken) {

    /** A tenant being created has no keys yet. */
    public static KeyAllowance forNewTenant(String plan, int maxActiveKeys) {
        return new KeyAllowance(plan, maxActiveKeys, 0, false);
    }
}
