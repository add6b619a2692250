package dev.artifacta.server.admin;

import dev.artifacta.server.http.Problems;
import dev.artifacta.server.ops.ProjectionCatalog;
import dev.artifacta.server.ops.ProjectionMonitor;
import dev.artifacta.server.ops.ViewChecksums;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The views (projections) behind the admin token: where each stands, and a checksum of its rows. */
@Controller("/admin/v1/projections")
@Tag(name = "Admin")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminProjectionsController {

    private final ProjectionCatalog catalog;
    private final ProjectionMonitor monitor;
    private final ViewChecksums checksums;

    public AdminProjectionsController(ProjectionCatalog catalog, ProjectionMonitor monitor, ViewChecksums checksums) {
        this.catalog = catalog;
        this.monitor = monitor;
        this.checksums = checksums;
    }

    @Get
    @SecurityRequirement(name = "adminToken")
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
    @SecurityRequirement(name = "adminToken")
    @Operation(operationId = "getProjection", summary = "One view and its lag")
    public ProjectionMonitor.Status get(@PathVariable String name) {
        return monitor.status(name).orElseThrow(() -> projectionNotFound(name));
    }

    @Get("/{name}/checksum")
    @SecurityRequirement(name = "adminToken")
    @Operation(
            operationId = "getProjectionChecksum",
            summary = "A SHA-256 over every row of a view",
            description = "Per table in primary-key order and over the whole view, read in one snapshot;"
                    + " equal checksums mean equal rows, so a rebuild can be checked against the view it replaces.")
    public ViewChecksums.Checksum checksum(@PathVariable String name) {
        return checksums.of(catalog.find(name).orElseThrow(() -> projectionNotFound(name)));
    }

    private static RuntimeException projectionNotFound(String name) {
        return Problems.notFound("projection-not-found", "There is no view named '" + name + "'.");
    }
}
