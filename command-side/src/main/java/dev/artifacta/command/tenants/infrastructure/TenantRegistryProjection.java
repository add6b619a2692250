package dev.artifacta.command.tenants.infrastructure;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.command.tenants.TenantDirectory;
import dev.artifacta.command.tenants.TenantPlans;
import dev.artifacta.command.tenants.TenantSettings;
import dev.artifacta.events.TenantClientRegistrationChanged;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.TenantPlanChanged;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/** Keeps the tenant lookup table (name uniqueness, current plan) in step with tenant events. */
@Singleton
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class TenantRegistryProjection implements TenantDirectory, TenantPlans, TenantSettings {

    private final TenantRegistryRepository tenants;

    public TenantRegistryProjection(TenantRegistryRepository tenants) {
        this.tenants = tenants;
    }

    @EventHandler
    void on(TenantCreated event) {
        if (!tenants.existsById(event.tenantId())) {
            tenants.save(
                    new TenantRow(event.tenantId(), event.name(), event.ownerEmail(), event.plan(), event.createdAt()));
        }
    }

    @EventHandler
    void on(TenantPlanChanged event) {
        tenants.updatePlan(event.tenantId(), event.plan());
    }

    @EventHandler
    void on(TenantClientRegistrationChanged event) {
        tenants.updateClientRegistration(event.tenantId(), event.enabled());
    }

    @ResetHandler
    void reset() {
        tenants.deleteAll();
    }

    @Override
    public boolean isNameTaken(String name) {
        return tenants.existsByName(name);
    }

    @Override
    public boolean allowsClientRegistration(String tenantId) {
        return tenants.findClientRegistration(tenantId).orElse(false);
    }

    @Override
    public Optional<String> planOf(String tenantId) {
        return tenants.findById(tenantId).map(TenantRow::plan);
    }

    @Override
    public Map<String, String> plansOf(Collection<String> tenantIds) {
        Map<String, String> plans = new HashMap<>();
        if (!tenantIds.isEmpty()) {
            for (TenantRow tenant : tenants.findByTenantIdIn(tenantIds)) {
                plans.put(tenant.tenantId(), tenant.plan());
            }
        }
        return plans;
    }
}
