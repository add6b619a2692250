package dev.artifacta.command.tenants;

import dev.artifacta.command.shared.Rejection;

/** No tenant with that id. */
public final class TenantNotFound extends Rejection {

    public TenantNotFound(String tenantId) {
        super(Kind.NOT_FOUND, "tenant-not-found", "There is no tenant with id '" + tenantId + "'.");
    }
}
