package dev.artifacta.events;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An OAuth client (such as an MCP client) was registered in a tenant. Its tokens act for the
 * identity that registered it, with at most the scopes named here. For a confidential client the
 * secret was shown to its creator once and is not part of this event: only its SHA-256 (so the
 * client lookup can be rebuilt from history) and the parts shown for recognition.
 *
 * @param tenantId the owning tenant
 * @param clientId the client's id ({@code client_id} in the OAuth protocol)
 * @param name its name, shown in the audit log as {@code OAuth client: <name>}
 * @param scopes the scopes it may ask for, sorted
 * @param grantTypes the grants it may use: {@code client_credentials}, {@code authorization_code},
 *     {@code refresh_token}
 * @param redirectUris where an interactive client's authorization answers may go (empty otherwise)
 * @param secretPrefix the first characters of its secret, or null for a public client
 * @param secretLast4 the last four characters of its secret, or null for a public client
 * @param secretSha256 lowercase hex SHA-256 of its secret, or null for a public client
 * @param identity who its tokens act for: the user who registered it
 * @param registeredAt when it was registered
 */
@Revision("1")
public record OAuthClientRegistered(
        String tenantId,
        String clientId,
        String name,
        List<String> scopes,
        List<String> grantTypes,
        List<String> redirectUris,
        String secretPrefix,
        String secretLast4,
        String secretSha256,
        KeyIdentity identity,
        Instant registeredAt)
        implements OAuthClientEvent {

    public OAuthClientRegistered {
        scopes = List.copyOf(scopes);
        grantTypes = List.copyOf(grantTypes);
        redirectUris = List.copyOf(redirectUris);
    }
}
