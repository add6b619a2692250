package dev.artifacta.command.apikeys;

import dev.artifacta.command.shared.Rejection;

/** An active key of the tenant already has the name. */
public final class ApiKeyNameTaken extends Rejection {

    public ApiKeyNameTaken(String name) {
        super(Kind.CONFLICT, "api-key-name-taken", "An active API key is already named '" + name + "'.");
    }
}
