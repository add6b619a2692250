package dev.artifacta.server.projects;

import dev.artifacta.command.projects.CreateProject;
import dev.artifacta.query.projects.ProjectListRepository;
import dev.artifacta.query.projects.ProjectListRow;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactGuard;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.Pages;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant's projects. Every tenant has {@code default}. */
@Controller("/v1/projects")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Projects")
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.TooManyRequests
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProjectsController {

    /** A new project. */
    @Schema(name = "CreateProjectRequest")
    @Serdeable
    public record CreateProjectRequest(
            @NotBlank @Size(max = 63) String slug,
            @NotBlank @Size(max = 100) String name) {}

    /** A project. */
    @Schema(name = "Project")
    @Serdeable
    public record ProjectView(String id, String slug, String name, Instant createdAt) {}

    /** A page of the tenant's projects; pass {@code nextCursor} as {@code cursor} for the next one. */
    @Schema(name = "ProjectPage")
    @Serdeable
    public record ProjectList(
            List<ProjectView> items, @Nullable String nextCursor) {}

    private final ArtifactGuard guard;
    private final ProjectListRepository projects;
    private final Commands commands;
    private final ReadModelBarrier barrier;
    private final Clock clock;

    public ProjectsController(
            ArtifactGuard guard,
            ProjectListRepository projects,
            Commands commands,
            ReadModelBarrier barrier,
            Clock clock) {
        this.guard = guard;
        this.projects = projects;
        this.commands = commands;
        this.barrier = barrier;
        this.clock = clock;
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "createProject",
            summary = "Create a project",
            description = "Slugs are unique per tenant.")
    @ApiAnswers.Created
    @ApiProblems.Conflict
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<ProjectView> create(HttpRequest<?> request, @Body @Valid CreateProjectRequest body) {
        Principal caller = guard.authorizeTenant(request, Action.PROJECT_CREATE);
        String projectId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        commands.send(
                new CreateProject(projectId, Principals.tenantOf(caller), body.slug(), body.name(), now),
                caller,
                RequestInfos.of(request));
        barrier.awaitViews();
        return HttpResponse.created(
                new ProjectView(projectId, body.slug(), body.name(), now), URI.create("/v1/projects/" + projectId));
    }

    @Get
    @Operation(
            operationId = "listProjects",
            summary = "List projects",
            description = "By slug; limit 1 to 200 (default 50), cursor from the last page's nextCursor.")
    public ProjectList list(
            HttpRequest<?> request,
            @ApiAnswers.Cursor @Nullable @QueryValue String cursor,
            @ApiAnswers.Limit @Nullable @QueryValue Integer limit) {
        Principal caller = guard.authorizeTenant(request, Action.PROJECT_VIEW);
        int size = Pages.limit(limit);
        String after = cursor == null
                ? ""
                : Pages.parts(cursor, CURSOR_KIND, ProjectsController::isSlug).getFirst();
        List<ProjectListRow> rows = projects.findPage(Principals.tenantOf(caller), after, size + 1);
        List<ProjectListRow> page = rows.size() > size ? rows.subList(0, size) : rows;
        return new ProjectList(
                page.stream().map(ProjectsController::view).toList(),
                rows.size() > size ? Pages.cursor(CURSOR_KIND, page.getLast().slug()) : null);
    }

    @Get("/{id}")
    @Operation(
            operationId = "getProject",
            summary = "Read a project",
            description = "By id; another tenant's project is 404 like an unknown one.")
    @ApiProblems.NotFound
    public ProjectView read(HttpRequest<?> request, @PathVariable String id) {
        Principal caller = guard.authorizeTenant(request, Action.PROJECT_VIEW);
        String tenantId = Principals.tenantOf(caller);
        return (Ids.isUuid(id) ? projects.findById(id) : Optional.<ProjectListRow>empty())
                .filter(row -> row.tenantId().equals(tenantId))
                .map(ProjectsController::view)
                .orElseThrow(() -> Problems.notFound("project-not-found", "There is no project with id '" + id + "'."));
    }

    /** A page of projects ends at its last slug. */
    private static final String CURSOR_KIND = "p1";

    private static boolean isSlug(String part) {
        return part.matches("^[a-z0-9-]{1,63}$");
    }

    private static ProjectView view(ProjectListRow row) {
        return new ProjectView(row.projectId(), row.slug(), row.name(), row.createdAt());
    }
}
