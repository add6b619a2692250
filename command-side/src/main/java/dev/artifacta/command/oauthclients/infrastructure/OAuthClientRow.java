package dev.artifacta.command.oauthclients.infrastructure;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One row of the OAuth client lookup table: what the token endpoint and bearer authentication need
 * to know about a client (its secret's SHA-256, scopes, grants, whom it acts for, whether it is
 * disabled), kept in the append's transaction so a rotation or a disabling holds from the next
 * request on every node. Lists are stored joined: scopes and grant types by commas, redirect URIs
 * by newlines (a valid URI has neither unescaped).
 */
@MappedEntity("oauth_client_registry")
public record OAuthClientRow(
        @Id String clientId,
        String tenantId,
        String name,
        String scopes,
        String grantTypes,
        String redirectUris,
        @Nullable String secretPrefix,
        @Nullable String secretLast4,
        @Nullable String secretSha256,
        String identityType,
        String identityName,
        @Nullable String identityAgentId,
        boolean disabled,
        Instant registeredAt,
        Instant updatedAt) {}
