package dev.artifacta.server.ops;

import dev.artifacta.server.http.openapi.ApiSecurity;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Prometheus text exposition at {@code /metrics}: HTTP requests ({@code http_server_requests}),
 * commands and event appends (Axon's {@code commandBus}, {@code eventStore} meters), projection lag
 * ({@code artifacta_projection_lag_events}, {@code artifacta_projection_lag_seconds}) and
 * authentication failures by reason.
 */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Operations")
@ApiSecurity.NoCredentials
public class MetricsController {

    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(
            operationId = "getMetrics",
            summary = "Metrics in Prometheus text format",
            description = "Request, event store, projection and JVM metrics for a Prometheus scraper.")
    public String scrape() {
        return registry.scrape();
    }
}
