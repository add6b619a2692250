package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.config.ProcessorSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a caught-up copy in the live view's place, in one transaction: it locks the live tables and
 * the live processor's token rows, applies to the copy the few events that arrived meanwhile, moves
 * the live tables out and the copies in, and hands every live segment the copy's token, unclaimed.
 * Readers see the old view until the commit and the new one after it; every node's live processor
 * loses its claim and resumes from the new token on its next claim.
 */
@Singleton
class SwitchOver {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchOver.class);
    private static final int ATTEMPTS = 3;

    private final SynchronousTransactionManager<Connection> transactions;
    private final EventStorageEngine storage;
    private final TokenRows tokens;
    private final ProcessorSettings settings;
    private final Clock clock;

    SwitchOver(
            SynchronousTransactionManager<Connection> transactions,
            EventStorageEngine storage,
            Serializer serializer,
            ProcessorSettings settings,
            Clock clock) {
        this.transactions = transactions;
        this.storage = storage;
        this.tokens = new TokenRows(serializer);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Switches over. The copy's processor and this node's live processor stop first, side by side
     * (the live one releasing its claims), and the live one starts again afterwards; other nodes'
     * processors find their claims gone on their next token update, roll that batch back and claim
     * again from the new token. Retried when it times out waiting for its locks.
     */
    void run(
            ViewCopy copy,
            TrackingEventProcessor copyProcessor,
            StreamingEventProcessor liveProcessor,
            EventHandlerInvoker handlers,
            LiveSchema live)
            throws SQLException {
        String lockTimeout = settings.getRebuildLockTimeout().toMillis() + "ms";
        CompletableFuture.allOf(copyProcessor.shutdownAsync(), liveProcessor.shutdownAsync())
                .join();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    transactions.executeWrite(status -> {
                        Connection connection = status.getConnection();
                        CopyTables.execute(connection, "SET LOCAL lock_timeout = '" + lockTimeout + "'");
                        // Readers and the live processors wait from here to the commit: a few milliseconds.
                        CopyTables.execute(
                                connection,
                                "LOCK TABLE "
                                        + copy.view().tables().stream()
                                                .map(t -> live.schema() + "." + t)
                                                .collect(Collectors.joining(", "))
                                        + " IN ACCESS EXCLUSIVE MODE");
                        if (TokenRows.lock(connection, copy.live()).isEmpty()) {
                            // A view starting cold (ColdViews): its processor has never stored a
                            // token, and gets its segments here, with the copy's token below.
                            TokenRows.create(connection, copy.live(), settings.getSegments(), clock.instant());
                        }
                        Map<Integer, TrackingToken> copyTokens = tokens.tokens(connection, copy.processor());
                        CopyTables.execute(
                                connection, "SET LOCAL search_path TO " + copy.schema() + ", " + live.searchPath());
                        TrackingToken caughtUp = catchUp(handlers, copyTokens);
                        CopyTables.execute(connection, "SET LOCAL search_path TO " + live.searchPath());
                        CopyTables.switchOver(
                                connection,
                                live.schema(),
                                copy.schema(),
                                copy.retiredSchema(),
                                copy.view().tables());
                        tokens.handOver(connection, copy.live(), caughtUp, clock.instant());
                        TokenRows.delete(connection, copy.processor());
                        return null;
                    });
                    return;
                } catch (RuntimeException e) {
                    if (attempt >= ATTEMPTS || !isLockTimeout(e)) {
                        throw e;
                    }
                    LOG.warn(
                            "Switching view {} over timed out waiting for locks (attempt {} of {}); retrying",
                            copy.view().name(),
                            attempt,
                            ATTEMPTS);
                }
            }
        } finally {
            liveProcessor.start();
        }
    }

    /**
     * Applies to the copy every event the copy's segments have not applied yet (those that arrived
     * after its processor stopped), in the switch-over's transaction, and returns the token that
     * covers everything the copy now holds.
     */
    private @Nullable TrackingToken catchUp(EventHandlerInvoker handlers, Map<Integer, TrackingToken> copyTokens)
            throws Exception {
        if (copyTokens.isEmpty()) {
            throw new IllegalStateException("The copy's processor stored no tokens");
        }
        Segment[] segments = Segment.computeSegments(
                copyTokens.keySet().stream().mapToInt(Integer::intValue).toArray());
        // Read from the least advanced segment (from the first event if one has applied nothing);
        // end with a token that covers what every segment covers.
        boolean fromFirst = copyTokens.containsValue(null);
        TrackingToken start = null;
        TrackingToken end = null;
        for (TrackingToken token : copyTokens.values()) {
            if (token == null) {
                continue;
            }
            start = start == null ? token : start.lowerBound(token);
            end = end == null ? token : end.upperBound(token);
        }
        if (fromFirst) {
            start = null;
        }
        var pending = new ArrayList<EventMessage<?>>();
        var segmentOf = new HashMap<String, Segment>();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(start, false)) {
            for (Iterator<? extends TrackedEventMessage<?>> it = events.iterator(); it.hasNext(); ) {
                TrackedEventMessage<?> event = it.next();
                end = end == null ? event.trackingToken() : end.upperBound(event.trackingToken());
                for (Segment segment : segments) {
                    if (handlers.canHandle(event, segment)
                            && !applied(copyTokens.get(segment.getSegmentId()), event.trackingToken())) {
                        pending.add(event);
                        segmentOf.put(event.getIdentifier(), segment);
                        break;
                    }
                }
            }
        }
        if (!pending.isEmpty()) {
            // In the switch-over's transaction.
            CopyLoad.applyBatch(handlers, pending, event -> segmentOf.get(event.getIdentifier()), null);
        }
        LOG.info("Switch-over applied {} late events to the copy", pending.size());
        return end;
    }

    /** Whether a segment's token says the event at {@code event} was applied (or skipped as not its own). */
    static boolean applied(@Nullable TrackingToken segmentToken, TrackingToken event) {
        if (segmentToken == null) {
            return false;
        }
        if (segmentToken instanceof GapAwareTrackingToken token && event instanceof GapAwareTrackingToken at) {
            return at.getIndex() <= token.getIndex() && !token.getGaps().contains(at.getIndex());
        }
        return segmentToken.covers(event);
    }

    private static boolean isLockTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
