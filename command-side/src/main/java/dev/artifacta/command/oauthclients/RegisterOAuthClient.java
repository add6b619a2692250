package dev.artifacta.command.oauthclients;

import dev.artifacta.command.apikeys.SecretDigest;
import dev.artifacta.events.KeyIdentity;
import java.time.Instant;
import java.util.List;

/**
 * Register an OAuth client in a tenant; its tokens act for {@code identity}. {@code secret} is the
 * digest of a confidential client's secret (never the secret), null for a public client.
 */
public record RegisterOAuthClient(
        String clientId,
        String tenantId,
        String name,
        List<String> scopes,
        List<String> grantTypes,
        List<String> redirectUris,
        SecretDigest secret,
        KeyIdentity identity,
        Instant now) {}
