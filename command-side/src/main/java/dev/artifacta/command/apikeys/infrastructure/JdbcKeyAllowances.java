package dev.artifacta.command.apikeys.infrastructure;

import dev.artifacta.command.apikeys.KeyAllowance;
import dev.artifacta.command.apikeys.KeyAllowances;
import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.command.plans.UnknownPlan;
import dev.artifacta.command.tenants.TenantNotFound;
import dev.artifacta.command.tenants.infrastructure.TenantRegistryRepository;
import dev.artifacta.command.tenants.infrastructure.TenantRow;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Reads a tenant's key allowance from the lookup tables. The tenant row is locked first, so
 * concurrent creations for one tenant queue up and each sees the others' keys.
 */
@Singleton
public class JdbcKeyAllowances implements KeyAllowances {

    private final TenantRegistryRepository tenants;
    private final CredentialRegistryRepository credentials;
    private final PlanCatalog plans;

    public JdbcKeyAllowances(
            TenantRegistryRepository tenants, CredentialRegistryRepository credentials, PlanCatalog plans) {
        this.tenants = tenants;
        this.credentials = credentials;
        this.plans = plans;
    }

    @Override
    public KeyAllowance allowanceFor(String tenantId, String keyName, Instant now) {
        TenantRow tenant = tenants.findByIdForUpdate(tenantId).orElseThrow(() -> new TenantNotFound(tenantId));
        PlanLimits limits = plans.find(tenant.plan()).orElseThrow(() -> new UnknownPlan(tenant.plan()));
        CredentialRegistryRepository.ActiveKeys keys = credentials.countActive(tenantId, keyName, now);
        return new KeyAllowance(limits.id(), limits.maxActiveKeys(), keys.active(), keys.named() > 0);
    }
}
