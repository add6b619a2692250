package dev.artifacta.server.console;

import dev.artifacta.command.artifacts.StoredContent;
import dev.artifacta.command.plans.PlanLimits;
import dev.artifacta.server.usage.RequestQuota;
import dev.artifacta.server.usage.UsageCounters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The console's front door: {@code GET /} sends a browser to {@code /console}, whose overview links
 * to each page; a browser that is not signed in gets the sign-in page instead. Routes of the
 * console are HTML for people, not the API: they stay out of the OpenAPI document.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleController {

    private final ConsolePages pages;
    private final UsageCounters usage;
    private final RequestQuota quota;
    private final StoredContent contents;
    private final Clock clock;

    public ConsoleController(
            ConsolePages pages, UsageCounters usage, RequestQuota quota, StoredContent contents, Clock clock) {
        this.pages = pages;
        this.usage = usage;
        this.quota = quota;
        this.contents = contents;
        this.clock = clock;
    }

    @Get
    public HttpResponse<?> root() {
        return ConsolePages.seeOther("/console");
    }

    @Get("/console")
    public HttpResponse<?> overview(HttpRequest<?> request) {
        return pages.render(request, "console/overview", "Overview", "overview", user -> {
            // The same figures as GET /v1/whoami's usage.
            PlanLimits plan = quota.limitsOf(user.tenant().plan());
            Instant now = clock.instant();
            return Map.of(
                    "requestsUsed", usage.requestsInMonth(user.tenant().id(), now),
                    "requestsLimit", plan.monthlyRequests(),
                    "storageUsedMiB", contents.usedBytes(user.tenant().id()) / (1024.0 * 1024.0),
                    "storageLimitMiB", plan.storageBytes() / (1024.0 * 1024.0),
                    "month", UsageCounters.monthOf(now));
        });
    }
}
