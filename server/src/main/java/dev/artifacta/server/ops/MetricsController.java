package dev.artifacta.server.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
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
public class MetricsController {

    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @SecurityRequirements
    @Operation(summary = "Metrics in Prometheus text format")
    public String scrape() {
        return registry.scrape();
    }
}
