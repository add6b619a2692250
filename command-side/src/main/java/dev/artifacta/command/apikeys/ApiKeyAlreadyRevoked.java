package dev.artifacta.command.apikeys;

import dev.artifacta.command.shared.Rejection;

/** The key was revoked before; revoking is not repeated. */
public final class ApiKeyAlreadyRevoked extends Rejection {

    public ApiKeyAlreadyRevoked(String keyId) {
        super(Kind.CONFLICT, "api-key-already-revoked", "The API key '" + keyId + "' is already revoked.");
    }
}
