package dev.artifacta.command.apikeys;

import java.time.Instant;

/**
 * Reads a tenant's {@link KeyAllowance}. Injected into the key aggregate's creation handler; the
 * implementation locks the tenant for the rest of the command's transaction.
 */
public interface KeyAllowances {

    KeyAllowance allowanceFor(String tenantId, String keyName, Instant now);
}
