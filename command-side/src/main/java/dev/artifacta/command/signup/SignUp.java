package dev.artifacta.command.signup;

import dev.artifacta.command.apikeys.SecretDigest;
import java.time.Instant;

/**
 * Create a tenant and its first API key, atomically: both or neither.
 *
 * @param tenantId the new tenant's id
 * @param tenantName the unique tenant name
 * @param ownerEmail the owning user's email
 * @param plan the starting plan id
 * @param firstKeyId the first key's id
 * @param firstKeyName the first key's name
 * @param firstKey the digest of the generated first key
 * @param defaultProjectId the id of the tenant's {@code default} project
 * @param now the time of the request
 */
public record SignUp(
        String tenantId,
        String tenantName,
        String ownerEmail,
        String plan,
        String firstKeyId,
        String firstKeyName,
        SecretDigest firstKey,
        String defaultProjectId,
        Instant now) {}
