package dev.artifacta.server.agents;

import dev.artifacta.events.ApiScope;
import dev.artifacta.server.agents.AgentViews.AgentList;
import dev.artifacta.server.agents.AgentViews.AgentView;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
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
import java.net.URI;

/**
 * Agents of the calling tenant: automated identities with a role of their own, sponsored by the user
 * who created them. Needs {@code agents:manage}; creating and changing agents needs an owner or admin.
 */
@Controller("/v1/agents")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Agents")
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.TooManyRequests
@ExecuteOn(TaskExecutors.BLOCKING)
public class AgentsController {

    /** The agent to create. The role defaults to editor; owner is never allowed. */
    @Schema(name = "CreateAgentRequest")
    @Serdeable
    public record CreateAgentRequest(
            @NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 500) String description,
            @Nullable @Size(max = 16) String role) {}

    /** Changes to an agent: a new name, a new role, or both. */
    @Schema(name = "UpdateAgentRequest")
    @Serdeable
    public record UpdateAgentRequest(
            @Nullable @Size(max = 100) String name,
            @Nullable @Size(max = 16) String role) {}

    private final AgentService agents;

    public AgentsController(AgentService agents) {
        this.agents = agents;
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "createAgent",
            summary = "Create an agent",
            description = "The calling user becomes its sponsor.")
    @ApiAnswers.Created
    @ApiProblems.Conflict
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<AgentView> create(HttpRequest<?> request, @Body @Valid CreateAgentRequest body) {
        AgentView agent = agents.create(
                Principals.requireScope(request, ApiScope.AGENTS_MANAGE),
                body.name(),
                body.description(),
                body.role(),
                RequestInfos.of(request));
        return HttpResponse.created(agent, URI.create("/v1/agents/" + agent.id()));
    }

    @Get
    @Operation(
            operationId = "listAgents",
            summary = "List agents",
            description = "A key acting as an agent sees only that agent.")
    public AgentList list(HttpRequest<?> request) {
        return new AgentList(agents.list(Principals.requireScope(request, ApiScope.AGENTS_MANAGE)));
    }

    @Get("/{id}")
    @Operation(
            operationId = "getAgent",
            summary = "Read an agent",
            description = "Another tenant's agent, or another agent for a key acting as one, is 404.")
    @ApiProblems.NotFound
    public AgentView read(HttpRequest<?> request, @PathVariable String id) {
        return agents.read(Principals.requireScope(request, ApiScope.AGENTS_MANAGE), id);
    }

    @Patch("/{id}")
    @Operation(
            operationId = "updateAgent",
            summary = "Rename an agent or change its role",
            description = "Its keys act with the new role at once.")
    @ApiProblems.NotFound
    @ApiProblems.Conflict
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public AgentView update(HttpRequest<?> request, @PathVariable String id, @Body @Valid UpdateAgentRequest body) {
        return agents.update(
                Principals.requireScope(request, ApiScope.AGENTS_MANAGE),
                id,
                body.name(),
                body.role(),
                RequestInfos.of(request));
    }

    @Post("/{id}/disable")
    @Operation(
            operationId = "disableAgent",
            summary = "Disable an agent",
            description = "All of its keys are refused from the next request on.")
    @ApiProblems.NotFound
    public AgentView disable(HttpRequest<?> request, @PathVariable String id) {
        return agents.disable(Principals.requireScope(request, ApiScope.AGENTS_MANAGE), id, RequestInfos.of(request));
    }

    @Post("/{id}/enable")
    @Operation(
            operationId = "enableAgent",
            summary = "Enable a disabled agent",
            description = "Its keys are accepted again from the next request on.")
    @ApiProblems.NotFound
    public AgentView enable(HttpRequest<?> request, @PathVariable String id) {
        return agents.enable(Principals.requireScope(request, ApiScope.AGENTS_MANAGE), id, RequestInfos.of(request));
    }
}
