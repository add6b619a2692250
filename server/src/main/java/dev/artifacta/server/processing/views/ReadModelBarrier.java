package dev.artifacta.server.processing.views;

import dev.artifacta.server.processing.config.NodeIdentity;
import dev.artifacta.server.processing.config.ProcessorSettings;
import dev.artifacta.server.processing.store.AppendedEvents;
import dev.artifacta.server.processing.store.StoredTokens;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes for API clients: after a command, waits (bounded) until every segment of every
 * streaming view in the {@link ProjectionCatalog} with a handler for one of the request's own
 * events has processed them and everything committed before them, so a client that creates a key
 * and lists keys right after sees it, on whichever node it asks. Segments this node runs are
 * followed in memory; segments other nodes hold are read from {@code token_entry}, and only when
 * there are any. The wait ends at the configured timeout at the latest and never fails the
 * request. A segment whose handlers fail on an event is not waited for; one that failed because
 * the database was out of reach is (it resumes when the database is back), and neither is a view
 * starting cold ({@link ColdViews}), which shows nothing of the store until its copy switches
 * over.
 */
@Singleton
public class ReadModelBarrier {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelBarrier.class);

    private final Configuration axon;
    private final ProjectionCatalog catalog;
    private final EventStore eventStore;
    private final ProcessorSettings settings;
    private final DataSource pool;
    private final Serializer serializer;
    private final NodeIdentity node;
    private final List<WriteVisibility> visibilities;
    private final ColdViews cold;
    private final ViewProgress progress;
    private final ViewProcessors processors;
    /** Per view processor, whether its handlers take a payload type, asked of Axon once. */
    private final Map<String, Map<Class<?>, Boolean>> takes = new ConcurrentHashMap<>();

    public ReadModelBarrier(
            Configuration axon,
            ProjectionCatalog catalog,
            EventStore eventStore,
            ProcessorSettings settings,
            DataSource dataSource,
            Serializer serializer,
            NodeIdentity node,
            List<WriteVisibility> visibilities,
            ColdViews cold,
            ViewProgress progress,
            ViewProcessors processors) {
        this.axon = axon;
        this.catalog = catalog;
        this.eventStore = eventStore;
        this.settings = settings;
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.serializer = serializer;
        this.node = node;
        this.visibilities = List.copyOf(visibilities);
        this.cold = cold;
        this.progress = progress;
        this.processors = processors;
    }

    /**
     * Waits until every streaming view with a handler for one of this thread's own events has
     * applied them (a thread that appended none: every view caught up with the store as it is now),
     * or the timeout has passed. Controllers name no views: a new view is waited for whenever its
     * handlers take the request's events.
     */
    public void awaitViews() {
        AppendedEvents.Appended appended = AppendedEvents.drain();
        Set<Long> own = appended.positioned() ? Set.copyOf(appended.positions()) : positionsOf(appended.ids());
        long deadline = System.nanoTime() + settings.getReadYourWritesTimeout().toNanos();
        List<String> views = own.isEmpty() ? catalog.streamingProcessors() : viewsShowing(appended.payloadTypes());
        awaitViews(views, own, deadline);
        if (!own.isEmpty()) {
            for (WriteVisibility visibility : visibilities) {
                visibility.await(appended.payloadTypes(), deadline);
            }
        }
    }

    /**
     * The streaming views' processors whose handlers take an event of one of {@code payloadTypes}:
     * only their views can show what a request that appended such events wrote. The others pass
     * over its events without a change, and waiting for them too made each write wait until all the
     * views' threads had run.
     */
    List<String> viewsShowing(Set<Class<?>> payloadTypes) {
        var showing = new ArrayList<String>();
        for (String name : catalog.streamingProcessors()) {
            Map<Class<?>, Boolean> taken = takes.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
            if (payloadTypes.stream().anyMatch(type -> taken.computeIfAbsent(type, t -> handles(name, t)))) {
                showing.add(name);
            }
        }
        return showing;
    }

    /** Whether the processor's handlers take {@code type}; an unknown processor is assumed to. */
    private boolean handles(String processorName, Class<?> type) {
        return axon.eventProcessingConfiguration()
                .eventProcessor(processorName, AbstractEventProcessor.class)
                .map(processor -> processor.eventHandlerInvoker().canHandleType(type))
                .orElse(true);
    }

    private void awaitViews(List<String> processorNames, Set<Long> own, long deadline) {
        TrackingToken head;
        try {
            head = own.isEmpty() ? eventStore.createHeadToken() : upTo(Collections.max(own));
        } catch (RuntimeException unreadable) {
            // The write is done; the database going away right after it must not turn its answer
            // into an error (a client would then repeat a write that was applied).
            LOG.debug("Could not read the head of the event store for read-your-writes", unreadable);
            return;
        }
        if (head == null) {
            return;
        }
        var elsewhere = new ArrayList<String>();
        for (String name : processorNames) {
            var processor = axon.eventProcessingConfiguration()
                    .eventProcessor(name, StreamingEventProcessor.class)
                    .orElse(null);
            if (processor == null || cold.held(name)) {
                // A view starting cold shows nothing of the store before its copy switches over.
                continue;
            }
            // Woken when the processor moves; the 2 ms bound only covers a move not reported.
            long seen = progress.count(name);
            while (!caughtUp(processor, head, own) && System.nanoTime() < deadline) {
                if (!progress.awaitMove(name, seen, 2)) {
                    return;
                }
                seen = progress.count(name);
            }
            if (processor.processingStatus().size() < processors.segments(name)) {
                elsewhere.add(name);
            }
        }
        if (!elsewhere.isEmpty()) {
            awaitOtherNodes(elsewhere, head.position().orElse(Long.MAX_VALUE), own, deadline);
        }
    }

    /**
     * Waits until the segments of {@code processors} that this node does not hold have reached
     * {@code head} by their stored tokens. A node stores its token with every batch it applies, and
     * picks up another node's events within {@code event-poll-interval}, so this is a short wait;
     * while a dead node's claims have not lapsed yet, it lasts until the deadline.
     */
    private void awaitOtherNodes(List<String> processors, long head, Set<Long> own, long deadline) {
        String sql = "SELECT owner, token, token_type FROM token_entry WHERE processor_name IN ("
                + String.join(", ", Collections.nCopies(processors.size(), "?")) + ")";
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            for (int i = 0; i < processors.size(); i++) {
                query.setString(i + 1, processors.get(i));
            }
            while (!othersReached(query, head, own) && System.nanoTime() < deadline) {
                if (!pause(5)) {
                    return;
                }
            }
        } catch (SQLException | RuntimeException e) {
            // The wait is a courtesy to the client: answering without it is still correct.
            LOG.debug("Could not read other nodes' positions for read-your-writes", e);
        }
    }

    private boolean othersReached(PreparedStatement query, long head, Set<Long> own) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (node.id().equals(rows.getString(1))) {
                    continue; // followed in memory above
                }
                TrackingToken token = StoredTokens.read(serializer, rows, 2, 3);
                if (StoredTokens.position(token, -1) < head || !processed(token, own)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean caughtUp(StreamingEventProcessor processor, TrackingToken head, Set<Long> own) {
        if (!processor.isRunning() || processor.isError()) {
            return true;
        }
        // A segment stuck on an event its handlers cannot apply will not move: not waited for. One
        // that failed because the database was out of reach resumes soon after it is back, and a
        // write acknowledged before then must still be readable right after: waited for.
        boolean awaitingDatabase =
                processor instanceof OutageAwareTrackingProcessor outageAware && outageAware.awaitingDatabase();
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        for (EventTrackerStatus status : segments.values()) {
            if (status.isErrorState() && !awaitingDatabase) {
                continue;
            }
            if (!reached(status.getTrackingToken(), head) || !processed(status.getTrackingToken(), own)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a token has processed every one of {@code positions} (this request's own events):
     * past them and none of them a gap. The head alone is not enough: a transaction that took its
     * position before another's but committed after it is a gap in a token already past the head
     * its request reads, so its request would be answered before the views have its write.
     */
    static boolean processed(TrackingToken token, Set<Long> positions) {
        if (positions.isEmpty() || token == null) {
            return true; // nothing of our own to wait for; a missing token is judged by reached()
        }
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        if (lower instanceof GapAwareTrackingToken gapAware) {
            return positions.stream()
                    .allMatch(
                            p -> gapAware.getIndex() >= p && !gapAware.getGaps().contains(p));
        }
        return true;
    }

    /**
     * The head a request with events of its own waits for: its last event. Every event committed
     * before it has a lower position, and a view past that position has applied all of them that
     * it does not keep as gaps; events appended after the request's own are not its writes.
     */
    private static TrackingToken upTo(long position) {
        return GapAwareTrackingToken.newInstance(position, List.of());
    }

    /** The global positions of this thread's appended events (empty when none, or unreadable). */
    private Set<Long> positionsOf(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        String sql = "SELECT global_index FROM domain_event_entry WHERE event_identifier IN ("
                + String.join(", ", Collections.nCopies(eventIds.size(), "?")) + ")";
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            for (int i = 0; i < eventIds.size(); i++) {
                query.setString(i + 1, eventIds.get(i));
            }
            var positions = new java.util.HashSet<Long>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
            }
            return positions;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not read the positions of this request's events for read-your-writes", e);
            return Set.of();
        }
    }

    /**
     * Whether a processor's token has reached the head of the store. Compares positions rather
     * than {@link TrackingToken#covers}: a rolled-back append leaves a permanent hole in the global
     * index, which the processor keeps as a gap, and {@code covers} is false while any gap lies
     * below the head, which would make every wait run to its timeout.
     */
    public static boolean reached(TrackingToken token, TrackingToken head) {
        if (head == null) {
            return true;
        }
        return token != null && token.position().orElse(-1) >= head.position().orElse(Long.MAX_VALUE);
    }
}
