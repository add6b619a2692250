package dev.artifacta.server.processing.monitoring;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/** Health is DOWN when a streaming processor is stopped or failing; details show each one's lag. */
@Singleton
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator<Map<String, EventProcessors.Status>> {

    private final EventProcessors processors;

    public EventProcessorsHealthIndicator(EventProcessors processors) {
        this.processors = processors;
    }

    @Override
    protected Map<String, EventProcessors.Status> getHealthInformation() {
        Map<String, EventProcessors.Status> all = processors.all();
        boolean healthy = all.values().stream().allMatch(s -> s.running() && !s.error());
        healthStatus = healthy ? HealthStatus.UP : HealthStatus.DOWN;
        return all;
    }

    @Override
    protected String getName() {
        return "eventProcessors";
    }
}
