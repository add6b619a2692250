package dev.artifacta.server.apikeys;

import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.events.Actor;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.query.apikeylist.ApiKeyListRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** How API keys look in responses. Never the hash; the raw key only in {@link CreatedApiKey}. */
public final class ApiKeyViews {

    private ApiKeyViews() {}

    /** Who a key acts as: a user (named by email), or an agent (by id, and its name when the key was made). */
    @Schema(name = "KeyIdentity")
    @Serdeable
    public record Identity(
            String type, String name, @Nullable String agentId) {
        public static Identity of(KeyIdentity identity) {
            return new Identity(identity.type(), identity.name(), identity.agentId());
        }
    }

    /** Who created a key. */
    @Schema(name = "KeyCreator")
    @Serdeable
    public record Creator(String type, String id, String displayName) {}

    /** A key as listed. */
    @Schema(name = "ApiKey")
    @Serdeable
    public record ApiKeyView(
            String id,
            String name,
            @Nullable String description,
            String prefix,
            String last4,
            List<String> scopes,
            Identity identity,
            String status,
            Instant createdAt,
            Creator createdBy,
            @Nullable Instant lastUsedAt,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt) {}

    /** A key right after creation, with its secret: the only response that ever carries it. */
    @Schema(name = "CreatedApiKey")
    @Serdeable
    public record CreatedApiKey(
            String id,
            String name,
            @Nullable String description,
            String key,
            String prefix,
            String last4,
            List<String> scopes,
            Identity identity,
            String status,
            Instant createdAt,
            Creator createdBy,
            @Nullable Instant expiresAt) {

        @Override
        public String toString() {
            return "CreatedApiKey[id=" + id + ", prefix=" + prefix + ", last4=" + last4 + "]";
        }
    }

    public static CreatedApiKey created(
            String keyId,
            String name,
            String description,
            IssuedSecret secret,
            List<String> scopes,
            KeyIdentity identity,
            Actor creator,
            Instant createdAt,
            Instant expiresAt) {
        return new CreatedApiKey(
                keyId,
                name,
                description,
                secret.revealOnce(),
                secret.digest().prefix(),
                secret.digest().last4(),
                scopes.stream().sorted().distinct().toList(),
                Identity.of(identity),
                "active",
                createdAt,
                new Creator(creator.type(), creator.id(), creator.displayName()),
                expiresAt);
    }

    public static ApiKeyView of(ApiKeyListRow row, @Nullable Instant lastUsedAt, Instant now) {
        return new ApiKeyView(
                row.keyId(),
                row.name(),
                row.description(),
                row.prefix(),
                row.last4(),
                Arrays.stream(row.scopes().split(",")).filter(s -> !s.isEmpty()).toList(),
                new Identity(row.identityType(), row.identityName(), row.identityAgentId()),
                row.statusAt(now),
                row.createdAt(),
                new Creator(row.createdByType(), row.createdById(), row.createdByName()),
                lastUsedAt,
                row.expiresAt(),
                row.revokedAt());
    }
}
