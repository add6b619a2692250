package dev.artifacta.command.tenants;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.UnknownPlan;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.TenantPlanChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * A tenant: a name, an owner and a plan. Keys are their own aggregates; the rules that span a
 * tenant's keys (plan limit, unique names) are checked against the command side's lookup table.
 */
@AggregateRoot
public class Tenant {

    @AggregateIdentifier
    private String tenantId;

    private String plan;

    protected Tenant() {
        // For Axon: state is rebuilt from events.
    }

    @CommandHandler
    public Tenant(CreateTenant command) {
        if (!TenantNames.isValid(command.name())) {
            throw new InvalidRequest(
                    "invalid-tenant-name",
                    "A tenant name is 3 to 63 lowercase letters, digits or single hyphens, starting and ending"
                            + " with a letter or digit.");
        }
        if (command.ownerEmail() == null || !command.ownerEmail().matches("^[^@\\s]+@[^@\\s]+$")) {
            throw new InvalidRequest("invalid-email", "The owner email is not an email address.");
        }
        apply(new TenantCreated(
                command.tenantId(), command.name(), command.ownerEmail(), command.plan(), command.now()));
    }

    /** Moving to the plan the tenant already has changes nothing and records nothing. */
    @CommandHandler
    public void handle(ChangeTenantPlan command, PlanCatalog plans) {
        if (plans.find(command.plan()).isEmpty()) {
            throw new UnknownPlan(command.plan());
        }
        if (command.plan().equals(plan)) {
            return;
        }
        apply(new TenantPlanChanged(tenantId, plan, command.plan(), command.now()));
    }

    @EventSourcingHandler
    void on(TenantCreated event) {
        tenantId = event.tenantId();
        plan = event.plan();
    }

    @EventSourcingHandler
    void on(TenantPlanChanged event) {
        plan = event.plan();
    }
}
