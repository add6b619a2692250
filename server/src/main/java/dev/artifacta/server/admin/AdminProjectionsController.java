package dev.artifacta.server.admin;

import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.http.openapi.ApiSecurity;
import dev.artifacta.server.processing.monitoring.ProjectionMonitor;
import dev.artifacta.server.processing.monitoring.ViewChecksums;
import dev.artifacta.server.processing.rebuild.RebuildProgress;
import dev.artifacta.server.processing.rebuild.ViewRebuilds;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

/**
 * The views (projections) behind the admin token: where each stands, a checksum of its rows, and
 * rebuilding them from the events.
 */
@Controller("/admin/v1/projections")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Admin")
@ApiSecurity.AdminToken
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.NotFound
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminProjectionsController {

    private final ProjectionCatalog catalog;
    private final ProjectionMonitor monitor;
    private final ViewChecksums checksums;
    private final ViewRebuilds rebuilds;

    /** The rebuilds a request started, in the order they run. */
    @Schema(name = "ProjectionRebuilds")
    @Serdeable
    public record Rebuilds(List<RebuildProgress> items) {}

    public AdminProjectionsController(
            ProjectionCatalog catalog, ProjectionMonitor monitor, ViewChecksums checksums, ViewRebuilds rebuilds) {
        this.catalog = catalog;
        this.monitor = monitor;
        this.checksums = checksums;
        this.rebuilds = rebuilds;
    }

    @Get
    @Operation(
            operationId = "listProjections",
            summary = "List the views and their lag",
            description = "Every view with its processor, the position of each segment (cluster-wide, from the"
                    + " token store), the head of the event store, the lag in events and seconds, and the state"
                    + " of its processor on this node.")
    public ProjectionMonitor.Overview list() {
        return monitor.all();
    }

    @Get("/{name}")
    @Operation(
            operationId = "getProjection",
            summary = "One view and its lag",
            description = "As listed by GET /admin/v1/projections, for one view; 404 for an unknown name.")
    public ProjectionMonitor.Status get(@PathVariable String name) {
        return monitor.status(name).orElseThrow(() -> projectionNotFound(name));
    }

    @Get("/{name}/checksum")
    @Operation(
            operationId = "getProjectionChecksum",
            summary = "A SHA-256 over every row of a view",
            description = "Per table in primary-key order and over the whole view, read in one snapshot;"
                    + " equal checksums mean equal rows, so a rebuild can be checked against the view it replaces.")
    public ViewChecksums.Checksum checksum(@PathVariable String name) {
        return checksums.of(catalog.find(name).orElseThrow(() -> projectionNotFound(name)));
    }

    @Post("/{name}/rebuild")
    @Status(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "rebuildProjection",
            summary = "Rebuild a view (or all) from the first event",
            description = "Starts the rebuild and answers at once. On PostgreSQL a streaming view is rebuilt into a"
                    + " copy while the live view keeps serving, then switched over atomically once the copy has"
                    + " caught up; a failed rebuild leaves the live view untouched. GET /admin/v1/projections/{name}"
                    + " follows its progress (state rebuilding, then the rebuild's outcome). The name 'all'"
                    + " rebuilds every view, one after another.")
    @ApiResponse(
            responseCode = "202",
            description = "The rebuild started; each view's progress, in the order they run. Location is where to"
                    + " follow it.",
            useReturnTypeSchema = true,
            headers =
                    @Header(
                            name = "Location",
                            description = "The view (or, for all, the list of views) to follow.",
                            required = true,
                            schema = @Schema(type = "string", format = "uri-reference")))
    @ApiProblems.Conflict
    public HttpResponse<Rebuilds> rebuild(@PathVariable String name) {
        try {
            List<RebuildProgress> started = rebuilds.start(name);
            URI follow = URI.create(
                    ViewRebuilds.ALL.equals(name) ? "/admin/v1/projections" : "/admin/v1/projections/" + name);
            return HttpResponse.accepted(follow).body(new Rebuilds(started));
        } catch (ViewRebuilds.UnknownView unknown) {
            throw projectionNotFound(name);
        } catch (ViewRebuilds.RebuildInProgress busy) {
            throw new ProblemException(Problem.of("rebuild-in-progress", "Conflict", 409, busy.getMessage()));
        }
    }

    private static RuntimeException projectionNotFound(String name) {
        return Problems.notFound("projection-not-found", "There is no view named '" + name + "'.");
    }
}
