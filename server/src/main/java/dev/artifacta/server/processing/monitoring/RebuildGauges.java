package dev.artifacta.server.processing.monitoring;

import dev.artifacta.server.processing.rebuild.RebuildProgress;
import dev.artifacta.server.processing.rebuild.RebuildStates;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Singleton;

/**
 * How far the running rebuild of each streaming view has come, as the gauges {@code
 * artifacta.projection.rebuild.events.done} and {@code .total} (NaN while none runs).
 */
@Singleton
@Context
public final class RebuildGauges {

    private final RebuildStates rebuilds;

    public RebuildGauges(ProjectionCatalog catalog, RebuildStates rebuilds, MeterRegistry meters) {
        this.rebuilds = rebuilds;
        for (String view : catalog.streamingProcessors()) {
            Gauge.builder("artifacta.projection.rebuild.events.done", () -> progressOf(view, true))
                    .tag("processor", view)
                    .description("Events the running rebuild of the view has applied to its copy (NaN: none running)")
                    .register(meters);
            Gauge.builder("artifacta.projection.rebuild.events.total", () -> progressOf(view, false))
                    .tag("processor", view)
                    .description("The head of the event store the running rebuild works towards (NaN: none running)")
                    .register(meters);
        }
    }

    private double progressOf(String view, boolean done) {
        RebuildProgress p = rebuilds.latest(view).orElse(null);
        if (p == null || !p.active()) {
            return Double.NaN;
        }
        return done ? p.eventsDone() : p.eventsTotal();
    }
}
