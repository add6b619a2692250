package dev.artifacta.server.admin;

import dev.artifacta.command.tenants.ChangeTenantPlan;
import dev.artifacta.events.Actor;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.http.openapi.ApiSecurity;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** Operator actions on tenants, behind the admin token. */
@Controller("/admin/v1/tenants")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Admin")
@ApiSecurity.AdminToken
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.NotFound
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminTenantsController {

    static final Actor OPERATOR = Actor.service("admin-api", "Operator (admin API)");

    /** The plan to move to. */
    @Schema(name = "PlanChangeRequest")
    @Serdeable
    public record PlanChange(@NotBlank @Size(max = 32) String plan) {}

    /** The tenant's plan after the change. */
    @Schema(name = "TenantPlan")
    @Serdeable
    public record TenantPlan(String tenantId, String plan) {}

    private final Commands commands;
    private final ReadModelBarrier barrier;
    private final Clock clock;

    public AdminTenantsController(Commands commands, ReadModelBarrier barrier, Clock clock) {
        this.commands = commands;
        this.barrier = barrier;
        this.clock = clock;
    }

    @Put("/{id}/plan")
    @Operation(
            operationId = "changeTenantPlan",
            summary = "Change a tenant's plan",
            description = "Key limits and quotas of the new plan apply at once.")
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public TenantPlan changePlan(HttpRequest<?> request, @PathVariable String id, @Body @Valid PlanChange body) {
        if (!Ids.isUuid(id)) {
            throw tenantNotFound(id);
        }
        try {
            commands.send(new ChangeTenantPlan(id, body.plan(), clock.instant()), OPERATOR, RequestInfos.of(request));
        } catch (AggregateNotFoundException | IncompatibleAggregateException notATenant) {
            throw tenantNotFound(id);
        }
        barrier.awaitViews();
        return new TenantPlan(id, body.plan());
    }

    private static RuntimeException tenantNotFound(String id) {
        return Problems.notFound("tenant-not-found", "There is no tenant with id '" + id + "'.");
    }
}
