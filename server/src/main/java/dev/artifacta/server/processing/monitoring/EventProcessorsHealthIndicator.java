package dev.artifacta.server.processing.monitoring;

import dev.artifacta.server.processing.rebuild.RebuildProgress;
import dev.artifacta.server.processing.rebuild.RebuildStates;
import dev.artifacta.server.processing.views.ColdViews;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Readiness is DOWN when a streaming processor is stopped or failing, except a processor an operator
 * is rebuilding or a view starting cold ({@code ColdViews}): a node serving reads while a view is
 * rebuilt is healthy, and a load balancer must not pull it. Details (each processor's lag) are for operators, never shown to anonymous callers.
 */
@Singleton
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator<Map<String, EventProcessors.Status>> {

    private final EventProcessors processors;
    private final RebuildStates rebuilds;
    private final ColdViews cold;

    public EventProcessorsHealthIndicator(EventProcessors processors, RebuildStates rebuilds, ColdViews cold) {
        this.processors = processors;
        this.rebuilds = rebuilds;
        this.cold = cold;
    }

    @Override
    protected Map<String, EventProcessors.Status> getHealthInformation() {
        Map<String, EventProcessors.Status> all = processors.all();
        boolean healthy = all.values().stream()
                .allMatch(s -> (s.running() && !s.error())
                        || cold.held(s.name())
                        || rebuilds.latest(s.name())
                                .map(RebuildProgress::active)
                                .orElse(false));
        healthStatus = healthy ? HealthStatus.UP : HealthStatus.DOWN;
        return all;
    }

    @Override
    protected String getName() {
        return "eventProcessors";
    }
}
