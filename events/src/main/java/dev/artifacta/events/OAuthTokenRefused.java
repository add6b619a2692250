package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A known client was refused: at the token endpoint (a wrong secret, a grant or scope it may not
 * have, or the client disabled) or presenting a token that is validly signed but no longer good
 * (expired, revoked, its client disabled). Clients nobody knows are only counted, like invalid API
 * keys, since there is no tenant to attribute them to.
 *
 * @param tenantId the client's tenant
 * @param clientId the client
 * @param tokenId the presented token's id, or null at the token endpoint
 * @param reason why: {@code invalid-secret}, {@code unauthorized-grant}, {@code invalid-scope},
 *     {@code client-disabled}, {@code token-expired}, {@code token-revoked}
 * @param refusedAt when it was refused
 */
@Revision("1")
public record OAuthTokenRefused(String tenantId, String clientId, String tokenId, String reason, Instant refusedAt)
        implements OAuthTokenEvent {}
