package dev.artifacta.server.processing.monitoring;

import dev.artifacta.server.processing.rebuild.RebuildProgress;
import dev.artifacta.server.processing.rebuild.RebuildStates;
import dev.artifacta.server.processing.views.ColdViews;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * What the streaming processors are doing: running or failed, their position against the head of
 * the event store, and the lag in events (also exported as the gauge
 * {@code artifacta.projection.lag.events}). The gauge {@code artifacta.projection.lag.seconds}
 * gives the lag in time, cluster-wide, from {@link ProjectionMonitor}. A view starting cold
 * ({@link ColdViews}) counts as applied what its copy has applied on this node (nothing while
 * another node builds it).
 */
@Singleton
@Context
public final class EventProcessors {

    /** One processor's state as this node sees it. */
    @Serdeable
    public record Status(String name, boolean running, boolean error, long position, long head, long lag) {}

    private final Configuration axon;
    private final EventStore eventStore;
    private final ProjectionCatalog catalog;
    private final ColdViews cold;
    private final RebuildStates rebuilds;

    public EventProcessors(
            Configuration axon,
            EventStore eventStore,
            ProjectionCatalog catalog,
            ProjectionMonitor projections,
            MeterRegistry meters,
            ColdViews cold,
            RebuildStates rebuilds) {
        this.axon = axon;
        this.eventStore = eventStore;
        this.catalog = catalog;
        this.cold = cold;
        this.rebuilds = rebuilds;
        for (String name : catalog.streamingProcessors()) {
            Gauge.builder("artifacta.projection.lag.events", () -> status(name).lag())
                    .tag("processor", name)
                    .description("Events appended but not yet applied to the view (segments on this node)")
                    .register(meters);
            Gauge.builder("artifacta.projection.lag.seconds", () -> lagSeconds(projections, name))
                    .tag("processor", name)
                    .description(
                            "Seconds between the last event the view has applied and the newest event (all segments)")
                    .register(meters);
        }
    }

    public Map<String, Status> all() {
        var result = new LinkedHashMap<String, Status>();
        for (String name : catalog.streamingProcessors()) {
            result.put(name, status(name));
        }
        return result;
    }

    public Status status(String name) {
        long head = headPosition();
        var processor = axon.eventProcessingConfiguration()
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElse(null);
        if (processor == null) {
            return new Status(name, false, true, -1, head, head + 1);
        }
        if (cold.held(name)) {
            long copied = rebuilds.latest(name)
                    .filter(RebuildProgress::active)
                    .map(RebuildProgress::eventsDone)
                    .orElse(0L);
            return new Status(name, false, false, copied, head, Math.max(0, head - copied));
        }
        long position = processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(-1))
                .min()
                .orElse(head);
        // A failing handler does not put the processor in error: Axon marks the segment and retries
        // it with back-off, so a view stuck on one event shows only in its segments' status.
        boolean error = processor.isError()
                || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        return new Status(name, processor.isRunning(), error, position, head, Math.max(0, head - position));
    }

    private static double lagSeconds(ProjectionMonitor projections, String name) {
        try {
            return projections
                    .status(name)
                    .map(ProjectionMonitor.Status::lagSeconds)
                    .orElse(Double.NaN);
        } catch (RuntimeException unreadable) {
            // A scrape must not fail because the database is briefly unavailable: no sample this time.
            return Double.NaN;
        }
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return -1;
        }
        OptionalLong position = head.position();
        return position.orElse(-1);
    }
}
