package dev.artifacta.command.tenants;

import dev.artifacta.command.shared.Rejection;

/** Another tenant already uses the name. */
public final class TenantNameTaken extends Rejection {

    public TenantNameTaken(String name) {
        super(Kind.CONFLICT, "tenant-name-taken", "The tenant name '" + name + "' is already taken.");
    }
}
