package dev.artifacta.command.oauthclients;

import dev.artifacta.command.shared.Rejection;

/** No OAuth client with this id in the caller's tenant (another tenant's client looks the same). */
public final class OAuthClientNotFound extends Rejection {

    public OAuthClientNotFound(String clientId) {
        super(Kind.NOT_FOUND, "oauth-client-not-found", "There is no OAuth client with id '" + clientId + "'.");
    }
}
