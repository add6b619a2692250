package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An access token was revoked (RFC 7009): it is refused from the next request on, on every node.
 *
 * @param tenantId the client's tenant
 * @param clientId the client the token was issued to
 * @param tokenId the token's id ({@code jti})
 * @param revokedAt when it was revoked
 */
@Revision("1")
public record OAuthTokenRevoked(String tenantId, String clientId, String tokenId, Instant revokedAt)
        implements OAuthTokenEvent {}
