package dev.artifacta.server.artifacts;

import dev.artifacta.command.apikeys.infrastructure.Credential;
import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.command.tenants.infrastructure.TenantRegistryRepository;
import dev.artifacta.command.tenants.infrastructure.TenantRow;
import dev.artifacta.events.AccessDenied;
import dev.artifacta.events.Actor;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactQueries;
import dev.artifacta.server.access.AccessPolicy;
import dev.artifacta.server.access.AccessPolicy.Target;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Caller;
import dev.artifacta.server.access.Decision;
import dev.artifacta.server.access.Role;
import dev.artifacta.server.auth.ApiPrincipal;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Puts the access policy in front of every artifact endpoint: who the caller is, whether the
 * policy allows the action on the artifact, and what the artifact's tenant's plan allows. A
 * refusal that would reveal an artifact to someone who cannot see it is a 404.
 */
@Singleton
public class ArtifactGuard {

    private static final Actor PUBLIC =
            new Actor(Actor.USER, "anonymous", "Anonymous (public access)", null, null, null);

    private final ArtifactQueries artifacts;
    private final TenantRegistryRepository tenants;
    private final PlanCatalog plans;
    private final Role agentRole;

    public ArtifactGuard(
            ArtifactQueries artifacts,
            TenantRegistryRepository tenants,
            PlanCatalog plans,
            @Value("${artifacta.agents.default-role:editor}") String agentRole) {
        this.artifacts = artifacts;
        this.tenants = tenants;
        this.plans = plans;
        this.agentRole = Role.parse(agentRole)
                .orElseThrow(
                        () -> new IllegalStateException("artifacta.agents.default-role is not a role: " + agentRole));
    }

    /** The caller: an API key with its identity's role, or the public. */
    public Caller callerOf(HttpRequest<?> request) {
        return ApiPrincipal.find(request)
                .<Caller>map(principal -> {
                    Credential key = principal.credential();
                    Role role = KeyIdentity.USER.equals(key.identity().type()) ? Role.OWNER : agentRole;
                    return new Caller.ApiKey(key.tenantId(), role, key.scopes());
                })
                .orElseGet(Caller.Public::new);
    }

    /** Who the audit trail names for this caller's actions. */
    public Actor actorOf(HttpRequest<?> request) {
        return ApiPrincipal.find(request).map(ApiPrincipal::actor).orElse(PUBLIC);
    }

    /** The artifact, if the caller may perform the action on it; otherwise the right refusal. */
    public ArtifactHeadRow authorize(Caller caller, String artifactId, Action action) {
        if (!Ids.isUuid(artifactId)) {
            throw notFound(artifactId);
        }
        ArtifactHeadRow head = artifacts.head(artifactId).orElseThrow(() -> notFound(artifactId));
        enforce(
                AccessPolicy.decide(
                        caller,
                        action,
                        new Target(head.tenantId(), head.artifactId(), head.publicView(), head.publicEdit())),
                artifactId,
                action);
        return head;
    }

    /** Tenant-level actions (create, list) need an API key of that tenant. */
    public Caller.ApiKey authorizeTenant(HttpRequest<?> request, Action action) {
        if (!(callerOf(request) instanceof Caller.ApiKey key)) {
            throw Problems.unauthenticated("This request needs an API key.");
        }
        enforce(AccessPolicy.decide(key, action, Target.tenant(key.tenantId())), null, action);
        return key;
    }

    /**
     * What the tenant's current plan allows its artifacts. An API key of that tenant already
     * carries the plan (authentication reads it with the key), so only public and share-link
     * requests look it up.
     */
    public PlanFeatures featuresOf(HttpRequest<?> request, String tenantId) {
        String plan = ApiPrincipal.find(request)
                .map(ApiPrincipal::credential)
                .filter(key -> key.tenantId().equals(tenantId))
                .map(Credential::plan)
                .orElseGet(() -> tenants.findById(tenantId).map(TenantRow::plan).orElseThrow(() -> notFound(tenantId)));
        return plans.featuresOf(plan);
    }

    private static void enforce(Decision decision, String artifactId, Action action) {
        switch (decision) {
            case Decision.Allow allow -> {}
            // Only a key of another tenant is hidden from: recorded when it is one (not for the public).
            case Decision.Hidden hidden -> throw notFound(artifactId).deniedFor(AccessDenied.TENANT);
            case Decision.MissingScope missing -> throw Problems.missingScope(missing.scope());
            case Decision.RoleTooLow low ->
                throw new ProblemException(Problem.of(
                                        "insufficient-role",
                                        "Role too low",
                                        403,
                                        "The " + action.value() + " action needs the "
                                                + low.needs().value() + " role; this caller has "
                                                + low.has().value() + ".")
                                .with("requiredRole", low.needs().value())
                                .with("role", low.has().value()))
                        .deniedFor(AccessDenied.ROLE);
        }
    }

    static ProblemException notFound(String artifactId) {
        return Problems.notFound("artifact-not-found", "There is no artifact with id '" + artifactId + "'.");
    }
}
