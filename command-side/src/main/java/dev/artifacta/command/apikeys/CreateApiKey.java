package dev.artifacta.command.apikeys;

import dev.artifacta.events.KeyIdentity;
import java.time.Instant;
import java.util.List;

/**
 * Issue an API key. The caller generated the secret and passes only its digest.
 *
 * @param keyId the new key's id
 * @param tenantId the owning tenant
 * @param name the label, unique among the tenant's active keys
 * @param description optional notes
 * @param secret the digest of the generated key
 * @param scopes the scopes to grant (values of {@link dev.artifacta.events.ApiScope})
 * @param identity who the key acts as
 * @param expiresAt when it stops working, or null for never
 * @param now the time of the request
 */
public record CreateApiKey(
        String keyId,
        String tenantId,
        String name,
        String description,
        SecretDigest secret,
        List<String> scopes,
        KeyIdentity identity,
        Instant expiresAt,
        Instant now) {}
