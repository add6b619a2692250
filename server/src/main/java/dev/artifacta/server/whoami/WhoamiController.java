package dev.artifacta.server.whoami;

import dev.artifacta.command.apikeys.infrastructure.Credential;
import dev.artifacta.command.artifacts.infrastructure.JdbcContentStore;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.server.apikeys.ApiKeyViews.Identity;
import dev.artifacta.server.auth.ApiPrincipal;
import dev.artifacta.server.usage.RequestQuota;
import dev.artifacta.server.usage.UsageCounters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Who the calling key is, which tenant and plan it belongs to, and how much of the plan is used. */
@Controller("/v1/whoami")
@Tag(name = "Identity")
@ExecuteOn(TaskExecutors.BLOCKING)
public class WhoamiController {

    /** The tenant. */
    @Serdeable
    public record TenantView(String id, String name, String plan) {}

    /** The calling key. */
    @Serdeable
    public record KeyView(
            String id, String name, String prefix, String last4, List<String> scopes, Identity identity) {}

    /** Requests this calendar month (UTC) against the plan's quota. */
    @Serdeable
    public record RequestUsage(String period, long used, long limit, Instant resetsAt) {}

    /** Stored bytes against the plan's quota. */
    @Serdeable
    public record StorageUsage(long usedBytes, long limitBytes) {}

    /** Usage of the plan. */
    @Serdeable
    public record Usage(RequestUsage requests, StorageUsage storage) {}

    /** The whoami answer. */
    @Serdeable
    public record Whoami(TenantView tenant, KeyView key, Usage usage) {}

    private final UsageCounters usage;
    private final RequestQuota quota;
    private final JdbcContentStore contents;
    private final Clock clock;

    public WhoamiController(UsageCounters usage, RequestQuota quota, JdbcContentStore contents, Clock clock) {
        this.usage = usage;
        this.quota = quota;
        this.contents = contents;
        this.clock = clock;
    }

    @Get
    @Operation(summary = "Who am I", description = "Reachable even when the monthly request quota is spent.")
    public Whoami whoami(HttpRequest<?> request) {
        Credential key = ApiPrincipal.of(request).credential();
        PlanLimits plan = quota.limitsOf(key.plan());
        Instant now = clock.instant();
        return new Whoami(
                new TenantView(key.tenantId(), key.tenantName(), key.plan()),
                new KeyView(
                        key.keyId(),
                        key.keyName(),
                        key.prefix(),
                        key.last4(),
                        key.scopes().stream().sorted().toList(),
                        new Identity(key.identity().type(), key.identity().name())),
                new Usage(
                        new RequestUsage(
                                UsageCounters.monthOf(now),
                                usage.requestsInMonth(key.tenantId(), now),
                                plan.monthlyRequests(),
                                RequestQuota.startOfNextMonth(now)),
                        new StorageUsage(contents.usedBytes(key.tenantId()), plan.storageBytes())));
    }
}
