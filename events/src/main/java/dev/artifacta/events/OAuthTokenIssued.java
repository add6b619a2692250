package dev.artifacta.events;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The token endpoint granted an access token to a client.
 *
 * @param tenantId the client's tenant
 * @param clientId the client
 * @param tokenId the token's id (its {@code jti} claim), never the token
 * @param grantType how it was granted, for example {@code client_credentials}
 * @param scopes the scopes granted, sorted
 * @param expiresAt when the token stops working
 * @param issuedAt when it was issued
 */
@Revision("1")
public record OAuthTokenIssued(
        String tenantId,
        String clientId,
        String tokenId,
        String grantType,
        List<String> scopes,
        Instant expiresAt,
        Instant issuedAt)
        implements OAuthTokenEvent {

    public OAuthTokenIssued {
        scopes = List.copyOf(scopes);
    }
}
