package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.config.ProcessorSettings;
import dev.artifacta.server.processing.store.ViewTransactions;
import dev.artifacta.server.processing.views.ProjectionCatalog.Projection;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a streaming view into a copy on PostgreSQL while the live view keeps serving.
 *
 * <p>Empty copies of the view's tables go into a schema of their own ({@code rebuild_<view>},
 * {@link CopyTables}) and are filled with the live processor's own handlers in transactions whose
 * {@code search_path} puts the copy first: first by one reader of the stream from the first event
 * to the head, with a worker per segment ({@link CopyLoad}), then by a second tracking processor
 * ({@code <view>@rebuild}) that goes on from the token the reader reached. The copy's plain
 * indexes are built once it has caught up ({@link DeferredIndexes}; its keys and unique constraints
 * exist from the start). Then {@link SwitchOver} puts it in the live view's place. A rebuild that
 * fails drops the copy and leaves the live view as it was.
 */
@Singleton
class CopyRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(CopyRebuild.class);
    static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final Configuration axon;
    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final TokenStore tokenStore;
    private final SynchronousTransactionManager<Connection> transactions;
    private final ViewTransactions viewTransactions;
    private final CopyClaims claims;
    private final DeferredIndexes indexes;
    private final SwitchOver switchOver;
    private final ProcessorSettings settings;
    private final Clock clock;
    private final Set<TrackingEventProcessor> copyProcessors = ConcurrentHashMap.newKeySet();
    private volatile LiveSchema live;

    CopyRebuild(
            Configuration axon,
            EventStore eventStore,
            EventStorageEngine storage,
            TokenStore tokenStore,
            SynchronousTransactionManager<Connection> transactions,
            ViewTransactions viewTransactions,
            CopyClaims claims,
            DeferredIndexes indexes,
            SwitchOver switchOver,
            ProcessorSettings settings,
            Clock clock) {
        this.axon = axon;
        this.eventStore = eventStore;
        this.storage = storage;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.viewTransactions = viewTransactions;
        this.claims = claims;
        this.indexes = indexes;
        this.switchOver = switchOver;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether a node other than this one is rebuilding the view (its copy's claims are fresh). */
    boolean runningElsewhere(Projection view) {
        return claims.claimedElsewhere(view.processor());
    }

    void rebuild(Projection view, RebuildTracker tracker) throws Exception {
        LiveSchema live = liveSchema();
        ViewCopy copy = ViewCopy.of(view);
        StreamingEventProcessor liveProcessor = axon.eventProcessingConfiguration()
                .eventProcessor(copy.live(), StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor named " + copy.live()));
        // The live processor's own handlers, sequencing policy and error handling: the copy is built
        // by exactly the code that keeps the live view.
        EventHandlerInvoker handlers = ((AbstractEventProcessor) liveProcessor).eventHandlerInvoker();
        int segments = settings.getRebuildSegments();

        List<String> deferredIndexes = transactions.executeWrite(status -> {
            TokenRows.delete(status.getConnection(), copy.processor());
            return CopyTables.create(status.getConnection(), live.schema(), copy.schema(), view.tables());
        });
        // Unqualified names resolve to the copy first; what the copy lacks (the token table, the
        // command side's tables) still resolves to the live schema.
        TransactionManager copyTransactions = viewTransactions.inSchema(copy.schema(), live.searchPath());
        TrackingEventProcessor copyProcessor = TrackingEventProcessor.builder()
                .name(copy.processor())
                .eventHandlerInvoker(handlers)
                .rollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE)
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(copyTransactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(settings.getRebuildBatchSize())
                        // A caught-up segment notices a shut-down within this wait, so stopping the
                        // copy before the switch-over takes a fifth of a second rather than a second.
                        .andEventAvailabilityTimeout(POLL.toMillis(), TimeUnit.MILLISECONDS)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        boolean switched = false;
        copyProcessors.add(copyProcessor);
        try {
            load(copy, handlers, copyTransactions, segments, tracker);
            copyProcessor.start();
            awaitCaughtUp(view, copyProcessor, segments, tracker);
            if (!deferredIndexes.isEmpty()) {
                // The copy's processor waits on the index builds' locks and then catches up again.
                Instant indexing = clock.instant();
                indexes.build(deferredIndexes);
                LOG.info(
                        "Built {} indexes of view {}'s copy in {}",
                        deferredIndexes.size(),
                        view.name(),
                        Duration.between(indexing, clock.instant()));
                awaitCaughtUp(view, copyProcessor, segments, tracker);
            }
            tracker.status(RebuildProgress.SWITCHING);
            switchOver.run(copy, copyProcessor, liveProcessor, handlers, live);
            switched = true;
        } finally {
            copyProcessor.shutDown();
            copyProcessors.remove(copyProcessor);
            if (!switched) {
                drop(copy);
            }
        }
        try {
            transactions.executeWrite(status -> {
                CopyTables.drop(status.getConnection(), copy.retiredSchema());
                return null;
            });
        } catch (RuntimeException e) {
            // The new view is live; the old tables only take space until the next rebuild drops them.
            LOG.warn("Could not drop the retired copy {} of view {}", copy.retiredSchema(), view.name(), e);
        }
    }

    /**
     * Fills the copy from the first event to the head with one reader of the stream ({@link
     * CopyLoad}) and gives every segment of the copy's processor the token it reached, so that the
     * processor goes on from there with whatever arrived meanwhile.
     */
    private void load(
            ViewCopy copy,
            EventHandlerInvoker handlers,
            TransactionManager copyTransactions,
            int segments,
            RebuildTracker tracker)
            throws Exception {
        claims.claim(copy.processor(), segments);
        Instant started = clock.instant();
        Instant[] lastProgress = {started};
        Instant[] lastLog = {started};
        CopyLoad.Outcome loaded;
        try (var kept = claims.keepClaimed(copy.processor(), segments)) {
            loaded = new CopyLoad(storage, handlers, copyTransactions, segments, settings.getRebuildBatchSize())
                    .run(applied -> {
                        Instant now = clock.instant();
                        if (Duration.between(lastProgress[0], now).compareTo(POLL) >= 0) {
                            tracker.progress(applied, headPosition(), now);
                            lastProgress[0] = now;
                        }
                        if (Duration.between(lastLog[0], now).compareTo(LOG_EVERY) >= 0) {
                            logProgress(copy.view(), tracker);
                            lastLog[0] = now;
                        }
                    });
        }
        // Every segment goes on from the last event read; the copy's processor claims them next.
        claims.release(copy.processor(), segments, loaded.token());
        LOG.info(
                "Loaded view {}'s copy: {} events read once in {} (reader waited {} on the workers, workers {} on the reader)",
                copy.view().name(),
                loaded.events(),
                Duration.between(started, clock.instant()),
                loaded.readerWaited(),
                loaded.workersWaited());
    }

    /** Polls the copy's processor until every segment has reached the head; fails on a handler error. */
    private void awaitCaughtUp(Projection view, TrackingEventProcessor copy, int segments, RebuildTracker tracker)
            throws InterruptedException {
        Instant lastLog = clock.instant();
        while (true) {
            Thread.sleep(POLL.toMillis());
            Map<Integer, EventTrackerStatus> status = copy.processingStatus();
            for (EventTrackerStatus segment : status.values()) {
                if (segment.isErrorState()) {
                    throw new IllegalStateException("A handler of view " + view.name() + " failed on the copy: "
                            + RebuildTracker.describe(segment.getError()));
                }
            }
            long head = headPosition();
            long done = status.values().stream()
                    .mapToLong(s -> s.getCurrentPosition().orElse(0))
                    .min()
                    .orElse(0);
            Instant now = clock.instant();
            tracker.progress(done, head, now);
            if (Duration.between(lastLog, now).compareTo(LOG_EVERY) >= 0) {
                logProgress(view, tracker);
                lastLog = now;
            }
            if (status.size() == segments && done >= head) {
                return;
            }
        }
    }

    private void logProgress(Projection view, RebuildTracker tracker) {
        RebuildProgress p = tracker.snapshot();
        LOG.info(
                "Rebuilding view {}: {} of {} events, {} events/s, about {} s left",
                view.name(),
                p.eventsDone(),
                p.eventsTotal(),
                Math.round(p.eventsPerSecond()),
                p.etaSeconds() == null ? "?" : Math.round(p.etaSeconds()));
    }

    private void drop(ViewCopy copy) {
        try {
            transactions.executeWrite(status -> {
                CopyTables.drop(status.getConnection(), copy.schema());
                TokenRows.delete(status.getConnection(), copy.processor());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not drop the unfinished copy {}; the next rebuild drops it", copy.schema(), e);
        }
    }

    /** The live schema and search path, read once, on the first rebuild into a copy. */
    private LiveSchema liveSchema() {
        LiveSchema known = live;
        if (known == null) {
            known = transactions.executeRead(status -> LiveSchema.of(status.getConnection()));
            live = known;
        }
        return known;
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /**
     * Stops the copies being built; their schemas and tokens stay until the next rebuild of the view
     * drops them.
     */
    void stop() {
        claims.stop();
        for (TrackingEventProcessor copy : copyProcessors) {
            copy.shutDown();
        }
    }
}
