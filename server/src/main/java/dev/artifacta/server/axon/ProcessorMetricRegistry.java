package dev.artifacta.server.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

/**
 * Axon's metrics, with the event processors' capacity measured over a short window.
 *
 * <p>Axon's capacity monitor keeps one entry per handled event for its window (ten minutes by
 * default) and copies them all whenever the gauge is read: during a replay that is millions of
 * entries, hundreds of MiB of heap, and each {@code /metrics} scrape spent most of the server's CPU
 * copying them (a profile of a replay of every view showed three quarters of the samples there).
 * The same four monitors as {@link GlobalMetricRegistry#registerEventProcessor(String, Function,
 * Function)}, with the same names and tags; only the capacity window differs.
 */
final class ProcessorMetricRegistry extends GlobalMetricRegistry {

    private final Duration capacityWindow;

    ProcessorMetricRegistry(MeterRegistry registry, Duration capacityWindow) {
        super(registry);
        this.capacityWindow = capacityWindow;
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String eventProcessorName,
            Function<Message<?>, Iterable<Tag>> tagsBuilder,
            Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        MeterRegistry registry = getRegistry();
        List<MessageMonitor<? super EventMessage<?>>> monitors = List.of(
                MessageTimerMonitor.buildMonitor(eventProcessorName, registry, tagsBuilder),
                EventProcessorLatencyMonitor.builder()
                        .meterNamePrefix(eventProcessorName)
                        .meterRegistry(registry)
                        .tagsBuilder(latencyTagsBuilder)
                        .build(),
                CapacityMonitor.buildMonitor(
                        eventProcessorName, registry, capacityWindow.toMillis(), TimeUnit.MILLISECONDS, tagsBuilder),
                MessageCountingMonitor.buildMonitor(eventProcessorName, registry, tagsBuilder));
        return new MultiMessageMonitor<>(monitors);
    }
}
