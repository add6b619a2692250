package dev.artifacta.server.axon;

import dev.artifacta.command.apikeys.infrastructure.CredentialRegistryProjection;
import dev.artifacta.command.projects.infrastructure.ProjectRegistryProjection;
import dev.artifacta.command.sharing.infrastructure.ShareLinkRegistryProjection;
import dev.artifacta.command.tenants.infrastructure.TenantRegistryProjection;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds views from the event history. Streaming views replay in place: the processor stops, its
 * tokens reset (which runs the projection's reset handler), and it starts again from the first
 * event. The command side's lookup tables are rebuilt in one transaction, so authentication never
 * sees them half built. (Rebuilding into a fresh copy with an atomic switch-over is issue #5.)
 */
@Singleton
public class ViewReplays {

    private static final Logger LOG = LoggerFactory.getLogger(ViewReplays.class);

    private final Configuration axon;
    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final SynchronousTransactionManager<Connection> transactions;
    private final List<Object> lookupProjections;

    public ViewReplays(
            Configuration axon,
            EventStore eventStore,
            EventStorageEngine storage,
            SynchronousTransactionManager<Connection> transactions,
            TenantRegistryProjection tenantRegistry,
            CredentialRegistryProjection credentialRegistry,
            ProjectRegistryProjection projectRegistry,
            ShareLinkRegistryProjection shareLinkRegistry) {
        this.axon = axon;
        this.eventStore = eventStore;
        this.storage = storage;
        this.transactions = transactions;
        this.lookupProjections = List.of(tenantRegistry, credentialRegistry, projectRegistry, shareLinkRegistry);
    }

    /** Replays one streaming view from the first event and waits until it has caught up. */
    public void replay(String processorName, Duration timeout) throws TimeoutException, InterruptedException {
        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(processorName, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No streaming view named " + processorName));
        LOG.info("Replaying view {} from the first event", processorName);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitCaughtUp(processor, timeout);
        LOG.info("View {} replayed", processorName);
    }

    /** Rebuilds the command side's lookup tables (tenants, credentials, projects, share links) from every event. */
    public void rebuildCommandLookups() {
        transactions.executeWrite(status -> {
            var adapters = lookupProjections.stream()
                    .map(AnnotationEventHandlerAdapter::new)
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

    private void awaitCaughtUp(StreamingEventProcessor processor, Duration timeout)
            throws TimeoutException, InterruptedException {
        TrackingToken head = eventStore.createHeadToken();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var segments = processor.processingStatus().values();
            boolean caughtUp = !segments.isEmpty()
                    && segments.stream().allMatch(s -> ReadModelBarrier.reached(s.getTrackingToken(), head));
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
