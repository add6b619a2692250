package dev.artifacta.command.tenants;

/** A tenant's settings as the command side's tenant lookup holds them now. */
public interface TenantSettings {

    /** Whether the tenant lets self-registered OAuth clients (RFC 7591) be approved by its members. */
    boolean allowsClientRegistration(String tenantId);
}
