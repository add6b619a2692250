package dev.artifacta.server.artifacts;

import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.command.tenants.TenantPlans;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactQueries;
import dev.artifacta.server.access.AccessPolicy;
import dev.artifacta.server.access.AccessPolicy.Target;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.Refusals;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Puts the access policy in front of every artifact endpoint: who the principal is, whether the
 * policy allows the action on the artifact, and what the artifact's tenant's plan allows. A
 * refusal that would reveal an artifact to someone who cannot see it is a 404.
 */
@Singleton
public class ArtifactGuard {

    private final ArtifactQueries artifacts;
    private final TenantPlans tenants;
    private final PlanCatalog plans;

    public ArtifactGuard(ArtifactQueries artifacts, TenantPlans tenants, PlanCatalog plans) {
        this.artifacts = artifacts;
        this.tenants = tenants;
        this.plans = plans;
    }

    /** The request's principal: a key, a share link, or the public. */
    public Principal callerOf(HttpRequest<?> request) {
        return Principals.of(request);
    }

    /** The artifact, if the principal may perform the action on it; otherwise the right refusal. */
    public ArtifactHeadRow authorize(Principal principal, String artifactId, Action action) {
        if (!Ids.isUuid(artifactId)) {
            throw notFound(artifactId);
        }
        ArtifactHeadRow head = artifacts.head(artifactId).orElseThrow(() -> notFound(artifactId));
        Refusals.enforce(
                AccessPolicy.decide(principal, action, targetOf(principal, head)),
                () -> notFound(artifactId),
                action.value());
        return head;
    }

    /** Whether the policy also allows the principal this further action on an artifact it reached. */
    public boolean allows(Principal principal, ArtifactHeadRow head, Action action) {
        return AccessPolicy.decide(principal, action, targetOf(principal, head)).allowed();
    }

    /**
     * The artifact as the policy sees it. Its allowlist matters only to a signed-in person of another
     * tenant, and only while the owning tenant's plan includes allowlists.
     */
    private Target targetOf(Principal principal, ArtifactHeadRow head) {
        Set<String> allowlist = Set.of();
        if (principal instanceof Principal.User user
                && !user.tenant().id().equals(head.tenantId())
                && !head.viewerEmails().isEmpty()) {
            boolean included = tenants.planOf(head.tenantId())
                    .map(plan -> plans.featuresOf(plan).emailAllowlists())
                    .orElse(false);
            if (included) {
                allowlist = Set.of(head.viewerEmails().split(","));
            }
        }
        return new Target(head.tenantId(), head.artifactId(), head.publicView(), head.publicEdit(), allowlist);
    }

    /** Tenant-level actions (create, list) need a credential of a tenant; they act in that tenant. */
    public Principal authorizeTenant(HttpRequest<?> request, Action action) {
        Principal principal = Principals.of(request);
        String tenantId = principal
                .identity()
                .map(identity -> identity.tenant().id())
                .orElseThrow(() -> Problems.unauthenticated("This request needs an API key."));
        Refusals.enforce(
                AccessPolicy.decide(principal, action, Target.tenant(tenantId)),
                () -> Problems.unauthenticated("This request needs an API key."),
                action.value());
        return principal;
    }

    /**
     * What the tenant's current plan allows its artifacts. A key of that tenant already carries the
     * plan (authentication reads it with the key), so only public and share-link requests look it up.
     */
    public PlanFeatures featuresOf(HttpRequest<?> request, String tenantId) {
        String plan = Principals.of(request)
                .identity()
                .map(Principal.Identity::tenant)
                .filter(tenancy -> tenancy.id().equals(tenantId))
                .map(Principal.Tenancy::plan)
                .orElseGet(() -> tenants.planOf(tenantId).orElseThrow(() -> notFound(tenantId)));
        return plans.featuresOf(plan);
    }

    static ProblemException notFound(String artifactId) {
        return Problems.notFound("artifact-not-found", "There is no artifact with id '" + artifactId + "'.");
    }
}
