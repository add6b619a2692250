package dev.artifacta.server.axon;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Read-your-writes for API clients: after a command, waits (bounded) until the segments of the given
 * views that run on this node have processed everything appended so far, so a client that creates a
 * key and lists keys right after sees it. Segments claimed by other nodes are not waited for; the
 * wait ends at the configured timeout at the latest and never fails the request.
 */
@Singleton
public class ReadModelBarrier {

    private final Configuration axon;
    private final EventStore eventStore;
    private final ProcessorSettings settings;

    public ReadModelBarrier(Configuration axon, EventStore eventStore, ProcessorSettings settings) {
        this.axon = axon;
        this.eventStore = eventStore;
        this.settings = settings;
    }

    public void awaitViews(String... processorNames) {
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return;
        }
        long deadline = System.nanoTime() + settings.getReadYourWritesTimeout().toNanos();
        for (String name : processorNames) {
            var processor = axon.eventProcessingConfiguration()
                    .eventProcessor(name, StreamingEventProcessor.class)
                    .orElse(null);
            if (processor == null) {
                continue;
            }
            while (!caughtUp(processor, head) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Reads until the row shows the write, bounded by the same timeout, and returns the last read.
     * {@link #awaitViews} skips segments that other nodes run, and such a node applies this node's
     * events only when it next polls the store (about once a second), so an answer read from its
     * view could otherwise miss the write, or the row, entirely. Returns at once on a single node.
     */
    public <T> Optional<T> awaitRow(Supplier<Optional<T>> read, Predicate<T> showsTheWrite) {
        long deadline = System.nanoTime() + settings.getReadYourWritesTimeout().toNanos();
        Optional<T> row = read.get();
        while (row.filter(showsTheWrite).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            row = read.get();
        }
        return row;
    }

    private static boolean caughtUp(StreamingEventProcessor processor, TrackingToken head) {
        if (!processor.isRunning() || processor.isError()) {
            return true;
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        for (EventTrackerStatus status : segments.values()) {
            if (status.isErrorState()) {
                continue;
            }
            if (!reached(status.getTrackingToken(), head)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a processor's token has reached the head of the store. Compares positions rather
     * than {@link TrackingToken#covers}: a rolled-back append leaves a permanent hole in the global
     * index, which the processor keeps as a gap, and {@code covers} is false while any gap lies
     * below the head, which would make every wait run to its timeout.
     */
    static boolean reached(TrackingToken token, TrackingToken head) {
        if (head == null) {
            return true;
        }
        return token != null && token.position().orElse(-1) >= head.position().orElse(Long.MAX_VALUE);
    }
}
