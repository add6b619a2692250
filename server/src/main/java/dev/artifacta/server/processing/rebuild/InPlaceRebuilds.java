package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.views.ProjectionCatalog;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.context.BeanContext;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds views where they are, from the first event. A streaming view replays: its processor
 * stops, its tokens reset (which runs the projection's reset handler), and it starts again from the
 * first event; readers see the view half built meanwhile, so this is how the embedded H2 default
 * (one node, local use) rebuilds, while PostgreSQL rebuilds into a copy ({@link CopyRebuild}). The
 * command side's lookup tables are rebuilt in one transaction, so authentication never sees them
 * half built.
 */
@Singleton
public class InPlaceRebuilds {

    private static final Logger LOG = LoggerFactory.getLogger(InPlaceRebuilds.class);

    private final Configuration axon;
    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final SynchronousTransactionManager<Connection> transactions;
    private final ProjectionCatalog catalog;
    private final BeanContext beans;
    private final TokenStore tokenStore;

    InPlaceRebuilds(
            Configuration axon,
            EventStore eventStore,
            EventStorageEngine storage,
            SynchronousTransactionManager<Connection> transactions,
            ProjectionCatalog catalog,
            BeanContext beans,
            TokenStore tokenStore) {
        this.axon = axon;
        this.eventStore = eventStore;
        this.storage = storage;
        this.transactions = transactions;
        this.catalog = catalog;
        this.beans = beans;
        this.tokenStore = tokenStore;
    }

    /** Replays one streaming view from the first event and waits until it has caught up. */
    public void replay(String processorName, Duration timeout) throws TimeoutException, InterruptedException {
        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(processorName, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No streaming view named " + processorName));
        LOG.info("Replaying view {} from the first event", processorName);
        processor.shutDown();
        processor.resetTokens();
        int segments = tokenStore.fetchSegments(processorName).length;
        processor.start();
        awaitCaughtUp(processor, segments, timeout);
        LOG.info("View {} replayed", processorName);
    }

    /** Rebuilds the command side's lookup tables (tenants, credentials, projects, share links) from every event. */
    public void rebuildCommandLookups() {
        transactions.executeWrite(status -> {
            var adapters = catalog.commandLookups().projections().stream()
                    .map(type -> new AnnotationEventHandlerAdapter(beans.getBean(type)))
                    .toList();
            for (var adapter : adapters) {
                adapter.prepareReset();
            }
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents((TrackingToken) null, false)) {
                events.forEach(event -> {
                    for (var adapter : adapters) {
                        if (adapter.canHandle(event)) {
                            try {
                                adapter.handle(event);
                            } catch (Exception e) {
                                throw new IllegalStateException("Rebuilding the lookup tables failed", e);
                            }
                        }
                    }
                });
            }
            return null;
        });
        LOG.info("Command-side lookup tables rebuilt from the event store");
    }

    /**
     * Waits until all {@code segments} of the processor run here and have reached the head. Every
     * segment counts: a segment the processor has not claimed yet (its claim interval had not come
     * round) has replayed nothing, however far the others are.
     */
    private void awaitCaughtUp(StreamingEventProcessor processor, int segments, Duration timeout)
            throws TimeoutException, InterruptedException {
        TrackingToken head = eventStore.createHeadToken();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var running = processor.processingStatus().values();
            boolean caughtUp = running.size() >= segments
                    && running.stream().allMatch(s -> ReadModelBarrier.reached(s.getTrackingToken(), head));
            if (caughtUp) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("View " + processor.getName() + " did not catch up within " + timeout);
            }
            Thread.sleep(10);
        }
    }
}
