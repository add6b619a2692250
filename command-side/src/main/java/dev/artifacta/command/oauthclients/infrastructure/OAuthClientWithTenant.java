package dev.artifacta.command.oauthclients.infrastructure;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * A client row joined with its tenant and the member it acts for as they are now: what the token
 * endpoint and every bearer-authenticated request read in one round trip.
 */
@Introspected
public record OAuthClientWithTenant(
        String clientId,
        String clientName,
        String scopes,
        String grantTypes,
        String redirectUris,
        @Nullable String secretSha256,
        String identityType,
        String identityName,
        boolean disabled,
        String tenantId,
        String tenantName,
        String plan,
        @Nullable String memberRole,
        @Nullable String memberName) {}
