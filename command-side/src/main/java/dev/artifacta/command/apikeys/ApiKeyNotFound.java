package dev.artifacta.command.apikeys;

import dev.artifacta.command.shared.Rejection;

/** No key with that id belongs to the calling tenant (whether or not it exists elsewhere). */
public final class ApiKeyNotFound extends Rejection {

    public ApiKeyNotFound(String keyId) {
        super(Kind.NOT_FOUND, "api-key-not-found", "There is no API key with id '" + keyId + "'.");
    }
}
