package dev.artifacta.server.whoami;

import dev.artifacta.command.artifacts.StoredContent;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.apikeys.ApiKeyViews.Identity;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.usage.RequestQuota;
import dev.artifacta.server.usage.UsageCounters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Who is calling (the principal: its type, id, display name, role and scopes, and for an agent its
 * sponsor), which tenant and plan it belongs to, the key it used, and how much of the plan is used.
 */
@Controller("/v1/whoami")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Identity")
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class WhoamiController {

    /** The tenant. */
    @Schema(name = "WhoamiTenant")
    @Serdeable
    public record TenantView(String id, String name, String plan) {}

    /** The user who answers for an agent. */
    @Schema(name = "WhoamiSponsor")
    @Serdeable
    public record SponsorView(String type, String id) {}

    /** The identity a credential acts for: a user or an agent. */
    @Schema(name = "WhoamiIdentity")
    @Serdeable
    public record IdentityView(
            String type,
            String id,
            String displayName,
            String role,
            @Nullable SponsorView sponsor) {}

    /**
     * The principal: {@code api_key}, {@code user}, {@code agent} or {@code oauth_client}, with its
     * role (that of the identity it acts for) and scopes (null where a principal is not limited by
     * scopes).
     */
    @Schema(name = "WhoamiPrincipal")
    @Serdeable
    public record PrincipalView(
            String type,
            String id,
            String displayName,
            String role,
            @Nullable List<String> scopes,
            IdentityView actingFor) {}

    /** The calling key, when a key was used. */
    @Schema(name = "WhoamiKey")
    @Serdeable
    public record KeyView(
            String id, String name, String prefix, String last4, List<String> scopes, Identity identity) {}

    /** Requests this calendar month (UTC) against the plan's quota. */
    @Schema(name = "RequestUsage")
    @Serdeable
    public record RequestUsage(String period, long used, long limit, Instant resetsAt) {}

    /** Stored bytes against the plan's quota. */
    @Schema(name = "StorageUsage")
    @Serdeable
    public record StorageUsage(long usedBytes, long limitBytes) {}

    /** Usage of the plan. */
    @Schema(name = "Usage")
    @Serdeable
    public record Usage(RequestUsage requests, StorageUsage storage) {}

    /** The whoami answer. */
    @Schema(name = "Whoami")
    @Serdeable
    public record Whoami(
            PrincipalView principal,
            TenantView tenant,
            @Nullable KeyView key,
            Usage usage) {}

    private final UsageCounters usage;
    private final RequestQuota quota;
    private final StoredContent contents;
    private final Clock clock;

    public WhoamiController(UsageCounters usage, RequestQuota quota, StoredContent contents, Clock clock) {
        this.usage = usage;
        this.quota = quota;
        this.contents = contents;
        this.clock = clock;
    }

    @Get
    @Operation(
            operationId = "whoami",
            summary = "Who am I",
            description = "Reachable even when the monthly request quota is spent.")
    public Whoami whoami(HttpRequest<?> request) {
        Principal principal = Principals.of(request);
        Principal.Identity identity = principal
                .identity()
                .orElseThrow(
                        () -> dev.artifacta.server.http.Problems.unauthenticated("This request needs an API key."));
        Principal.Tenancy tenant = identity.tenant();
        PlanLimits plan = quota.limitsOf(tenant.plan());
        Instant now = clock.instant();
        return new Whoami(
                principalView(principal, identity),
                new TenantView(tenant.id(), tenant.name(), tenant.plan()),
                principal instanceof Principal.ApiKey key ? keyView(key) : null,
                new Usage(
                        new RequestUsage(
                                UsageCounters.monthOf(now),
                                usage.requestsInMonth(tenant.id(), now),
                                plan.monthlyRequests(),
                                RequestQuota.startOfNextMonth(now)),
                        new StorageUsage(contents.usedBytes(tenant.id()), plan.storageBytes())));
    }

    private static PrincipalView principalView(Principal principal, Principal.Identity identity) {
        List<String> scopes =
                switch (principal) {
                    case Principal.ApiKey key -> key.scopes().stream().sorted().toList();
                    case Principal.OAuthClient client ->
                        client.scopes().stream().sorted().toList();
                    default -> null;
                };
        var actor = principal.actor();
        String id = principal instanceof Principal.ApiKey key ? key.keyId() : actor.id();
        String displayName =
                principal instanceof Principal.ApiKey key ? "API Key: " + key.keyName() : actor.displayName();
        return new PrincipalView(
                principal.type(), id, displayName, identity.role().value(), scopes, identityView(identity));
    }

    private static IdentityView identityView(Principal.Identity identity) {
        return switch (identity) {
            case Principal.User user ->
                new IdentityView(
                        "user", user.userId(), user.displayName(), user.role().value(), null);
            case Principal.Agent agent ->
                new IdentityView(
                        "agent",
                        agent.agentId(),
                        agent.name(),
                        agent.role().value(),
                        new SponsorView("user", agent.sponsorId()));
        };
    }

    private static KeyView keyView(Principal.ApiKey key) {
        return new KeyView(
                key.keyId(),
                key.keyName(),
                key.prefix(),
                key.last4(),
                key.scopes().stream().sorted().toList(),
                Identity.of(key.actingFor().keyIdentity()));
    }
}
