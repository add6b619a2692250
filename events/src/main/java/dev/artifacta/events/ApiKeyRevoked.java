package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An API key was revoked; from this event on it authenticates nothing. The key stays listed as
 * revoked and its past actions stay attributed to it.
 *
 * @param tenantId the owning tenant
 * @param keyId the revoked key
 * @param name the key's name when it was revoked (kept so audit readers need no lookup)
 * @param revokedAt when it was revoked
 */
@Revision("1")
public record ApiKeyRevoked(String tenantId, String keyId, String name, Instant revokedAt) implements ApiKeyEvent {}
