package dev.artifacta.command.oauthclients;

import dev.artifacta.command.shared.Rejection;

/** The client is disabled: it cannot be changed any more (a disabled client stays disabled). */
public final class OAuthClientDisabledAlready extends Rejection {

    public OAuthClientDisabledAlready(String clientId) {
        super(
                Kind.CONFLICT,
                "oauth-client-disabled",
                "The OAuth client '" + clientId + "' is disabled; register a new client instead.");
    }
}
