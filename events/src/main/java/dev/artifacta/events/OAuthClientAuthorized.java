package dev.artifacta.events;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A signed-in person approved a client's request on the consent page (the authorization-code
 * grant): the client may act for them with these scopes. The person is the event's actor; the
 * authorization code itself never appears, only the grant it starts.
 *
 * @param tenantId the tenant of the client and the person
 * @param clientId the client
 * @param grantId the grant this consent starts: its code, refresh tokens and access tokens share it
 * @param userId the person the client will act for
 * @param scopes the scopes granted, sorted (never more than the person's role allows)
 * @param redirectUri where the code was sent
 * @param authorizedAt when the person approved
 */
@Revision("1")
public record OAuthClientAuthorized(
        String tenantId,
        String clientId,
        String grantId,
        String userId,
        List<String> scopes,
        String redirectUri,
        Instant authorizedAt)
        implements OAuthTokenEvent {

    public OAuthClientAuthorized {
        scopes = List.copyOf(scopes);
    }
}
