package dev.artifacta.command.apikeys.infrastructure;

import dev.artifacta.events.KeyIdentity;
import java.time.Instant;
import java.util.Set;

/**
 * A presented key as authentication sees it: the key, its tenant, its state and, for a key acting
 * as an agent, that agent as it is now.
 *
 * @param keyId the key
 * @param keyName its current name
 * @param prefix display prefix
 * @param last4 last four characters
 * @param scopes granted scopes
 * @param identity who it acts as
 * @param expiresAt expiry, or null
 * @param revokedAt revocation time, or null while active
 * @param tenantId the owning tenant
 * @param tenantName the tenant's name
 * @param plan the tenant's current plan id
 * @param memberRole for a key acting as a user, that user's workspace role now; null when they are
 *     no longer a member (their keys are refused)
 * @param memberName for a key acting as a user, the name they had at their last sign-in, or null
 * @param agent the agent the key acts as, or null for a key acting as a user (or whose agent is
 *     missing)
 */
public record Credential(
        String keyId,
        String keyName,
        String prefix,
        String last4,
        Set<String> scopes,
        KeyIdentity identity,
        Instant expiresAt,
        Instant revokedAt,
        String tenantId,
        String tenantName,
        String plan,
        String memberRole,
        String memberName,
        AgentState agent) {

    /**
     * The agent a key acts as, read with the key.
     *
     * @param agentId its id
     * @param name its current name
     * @param role its current role
     * @param disabled whether it is disabled (its keys are refused)
     * @param sponsorId the user who answers for it
     */
    public record AgentState(String agentId, String name, String role, boolean disabled, String sponsorId) {}

    /** Usable now: not revoked and not past its expiry. */
    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
