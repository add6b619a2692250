package dev.artifacta.command.signup;

import dev.artifacta.command.apikeys.ApiKey;
import dev.artifacta.command.apikeys.CreateApiKey;
import dev.artifacta.command.apikeys.KeyAllowance;
import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.command.plans.UnknownPlan;
import dev.artifacta.command.projects.CreateProject;
import dev.artifacta.command.projects.Project;
import dev.artifacta.command.tenants.CreateTenant;
import dev.artifacta.command.tenants.Tenant;
import dev.artifacta.command.tenants.TenantDirectory;
import dev.artifacta.command.tenants.TenantNameTaken;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.KeyIdentity;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/**
 * Signs a tenant up: the tenant, its first key (every scope, acting as the owner) and its
 * {@code default} project are created in one unit of work, so one transaction appends all or none.
 */
public class SignUpHandler {

    /** The name of the key every tenant starts with. */
    public static final String FIRST_KEY_NAME = "Default key";

    private final Repository<Tenant> tenants;
    private final Repository<ApiKey> apiKeys;
    private final Repository<Project> projects;
    private final TenantDirectory directory;
    private final PlanCatalog plans;

    public SignUpHandler(
            Repository<Tenant> tenants,
            Repository<ApiKey> apiKeys,
            Repository<Project> projects,
            TenantDirectory directory,
            PlanCatalog plans) {
        this.tenants = tenants;
        this.apiKeys = apiKeys;
        this.projects = projects;
        this.directory = directory;
        this.plans = plans;
    }

    @CommandHandler
    public void handle(SignUp command) throws Exception {
        PlanLimits plan = plans.find(command.plan()).orElseThrow(() -> new UnknownPlan(command.plan()));
        if (directory.isNameTaken(command.tenantName())) {
            throw new TenantNameTaken(command.tenantName());
        }
        tenants.newInstance(() -> new Tenant(new CreateTenant(
                command.tenantId(), command.tenantName(), command.ownerEmail(), plan.id(), command.now())));
        var firstKey = new CreateApiKey(
                command.firstKeyId(),
                command.tenantId(),
                command.firstKeyName(),
                null,
                command.firstKey(),
                ApiScope.allValues(),
                KeyIdentity.user(command.ownerEmail()),
                null,
                command.now());
        apiKeys.newInstance(() -> new ApiKey(firstKey, KeyAllowance.forNewTenant(plan.id(), plan.maxActiveKeys())));
        var defaultProject = new CreateProject(
                command.defaultProjectId(), command.tenantId(), Project.DEFAULT_SLUG, "Default", command.now());
        projects.newInstance(() -> new Project(defaultProject, false));
    }
}
