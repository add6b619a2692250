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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
 * ({@code <view>@rebuild}) that goes on from the token the reader reached. The copy's keys and
 * unique constraints exist from the start, except on the tables a view keys after its load ({@link
 * dev.artifacta.query.infrastructure.StreamingView#keyedAfterLoad()}), which get them between the
 * load and the copy's processor; its plain indexes are built once it has caught up ({@link
 * DeferredIndexes}). Then {@link SwitchOver} puts it in the live view's place. A rebuild that fails
 * drops the copy and leaves the live view as it was.
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

    /**
     * Rebuilds several views into copies with one reader of the stream for all of them ({@link
     * CopyLoad}), then catches each copy up, builds its indexes and switches it over, one view after
     * another, the views with the fewest deferred indexes first; tells {@code finished} of each
     * view's outcome as soon as it is known ({@code null}: switched over). A failure of the shared
     * load fails every view; a later failure only its own.
     */
    void rebuild(List<Projection> views, List<RebuildTracker> trackers, BiConsumer<Projection, Exception> finished) {
        List<Build> builds = new ArrayList<>();
        try {
            for (int i = 0; i < views.size(); i++) {
                try {
                    builds.add(prepare(views.get(i), trackers.get(i)));
                } catch (Exception e) {
                    finished.accept(views.get(i), e);
                }
            }
            if (builds.isEmpty()) {
                return;
            }
            try {
                load(builds);
            } catch (Exception e) {
                for (Build build : List.copyOf(builds)) {
                    close(build, builds);
                    finished.accept(build.copy.view(), e);
                }
                return;
            }
            // The keys a load went without come before any processor looks rows up by them. A view
            // rebuilt alone builds its other indexes in the same queue: the sessions never wait for
            // the last key while another has nothing to do, and no copy waits for its turn.
            boolean alone = builds.size() == 1;
            for (Build build : List.copyOf(builds)) {
                try {
                    addKeys(build, alone);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    close(build, builds);
                    finished.accept(build.copy.view(), e);
                }
            }
            // Each copy's processor goes on from the load's token right away, so the copies waiting
            // for their turn keep up with new events and keep their claims.
            for (Build build : builds) {
                build.processor.start();
            }
            builds.sort(
                    Comparator.comparingInt(build -> build.deferred.indexes().size()));
            for (Build build : List.copyOf(builds)) {
                Exception failure = null;
                try {
                    finish(build);
                } catch (Exception e) {
                    failure = e;
                    if (e instanceof InterruptedException) {
                        // Stopping: the views after this one stop at their first wait too.
                        Thread.currentThread().interrupt();
                    }
                }
                close(build, builds);
                finished.accept(build.copy.view(), failure);
            }
        } finally {
            for (Build build : List.copyOf(builds)) {
                close(build, builds);
            }
        }
    }

    /** One view's rebuild into a copy, from its empty copy to its switch-over. */
    private static final class Build {
        private final ViewCopy copy;
        private final RebuildTracker tracker;
        private final StreamingEventProcessor liveProcessor;
        private final EventHandlerInvoker handlers;
        private final TransactionManager transactions;
        private final TrackingEventProcessor processor;
        private final CopyTables.Deferred deferred;
        private boolean switched;
        private boolean indexed;

        Build(
                ViewCopy copy,
                RebuildTracker tracker,
                StreamingEventProcessor liveProcessor,
                EventHandlerInvoker handlers,
                TransactionManager transactions,
                TrackingEventProcessor processor,
                CopyTables.Deferred deferred) {
            this.copy = copy;
            this.tracker = tracker;
            this.liveProcessor = liveProcessor;
            this.handlers = handlers;
            this.transactions = transactions;
            this.processor = processor;
            this.deferred = deferred;
        }
    }

    /** The view's empty copy (plain indexes deferred) and the copy's processor, not started. */
    private Build prepare(Projection view, RebuildTracker tracker) {
        LiveSchema live = liveSchema();
        ViewCopy copy = ViewCopy.of(view);
        StreamingEventProcessor liveProcessor = axon.eventProcessingConfiguration()
                .eventProcessor(copy.live(), StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor named " + copy.live()));
        // The live processor's own handlers, sequencing policy and error handling: the copy is built
        // by exactly the code that keeps the live view.
        EventHandlerInvoker handlers = ((AbstractEventProcessor) liveProcessor).eventHandlerInvoker();
        int segments = settings.getRebuildSegments();

        CopyTables.Deferred deferred = transactions.executeWrite(status -> {
            TokenRows.delete(status.getConnection(), copy.processor());
            return CopyTables.create(
                    status.getConnection(), live.schema(), copy.schema(), view.tables(), view.keyedAfterLoad());
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
        copyProcessors.add(copyProcessor);
        return new Build(copy, tracker, liveProcessor, handlers, copyTransactions, copyProcessor, deferred);
    }

    /**
     * Adds the keys of the tables the copy's load went without: their unique indexes built side by
     * side ({@link CopyTables.Deferred#keys()}), with the copy's other indexes too when {@code
     * withIndexes}, then made constraints in one transaction; fails, and the view's rebuild with it,
     * if the rows break one.
     */
    private void addKeys(Build build, boolean withIndexes) throws InterruptedException {
        if (build.deferred.keyConstraints().isEmpty()) {
            return;
        }
        Instant adding = clock.instant();
        var statements = new ArrayList<>(build.deferred.keys());
        if (withIndexes) {
            statements.addAll(build.deferred.indexes());
        }
        indexes.build(statements);
        build.indexed = withIndexes;
        transactions.executeWrite(status -> {
            for (String constraint : build.deferred.keyConstraints()) {
                CopyTables.execute(status.getConnection(), constraint);
            }
            return null;
        });
        LOG.info(
                "Added {} keys{} to view {}'s copy in {}",
                build.deferred.keyConstraints().size(),
                withIndexes ? " and " + build.deferred.indexes().size() + " indexes" : "",
                build.copy.view().name(),
                Duration.between(adding, clock.instant()));
    }

    /** Catches the loaded copy up with its running processor, builds its indexes, switches it over. */
    private void finish(Build build) throws Exception {
        Projection view = build.copy.view();
        int segments = settings.getRebuildSegments();
        awaitCaughtUp(view, build.processor, segments, build.tracker);
        if (!build.indexed && !build.deferred.indexes().isEmpty()) {
            // The copy's processor waits on the index builds' locks and then catches up again.
            Instant indexing = clock.instant();
            indexes.build(build.deferred.indexes());
            LOG.info(
                    "Built {} indexes of view {}'s copy in {}",
                    build.deferred.indexes().size(),
                    view.name(),
                    Duration.between(indexing, clock.instant()));
            awaitCaughtUp(view, build.processor, segments, build.tracker);
        }
        build.tracker.status(RebuildProgress.SWITCHING);
        switchOver.run(build.copy, build.processor, build.liveProcessor, build.handlers, liveSchema());
        build.switched = true;
    }

    /**
     * Stops the copy's processor; drops the copy if it was not switched over, else the retired live
     * tables; forgets the build (once).
     */
    private void close(Build build, List<Build> open) {
        if (!open.remove(build)) {
            return;
        }
        build.processor.shutDown();
        copyProcessors.remove(build.processor);
        if (!build.switched) {
            drop(build.copy);
            return;
        }
        try {
            transactions.executeWrite(status -> {
                CopyTables.drop(status.getConnection(), build.copy.retiredSchema());
                return null;
            });
        } catch (RuntimeException e) {
            // The new view is live; the old tables only take space until the next rebuild drops them.
            LOG.warn(
                    "Could not drop the retired copy {} of view {}",
                    build.copy.retiredSchema(),
                    build.copy.view().name(),
                    e);
        }
    }

    /**
     * Fills the copies from the first event to the head with one reader of the stream ({@link
     * CopyLoad}) and gives every segment of each copy's processor the token it reached, so that the
     * processor goes on from there with whatever arrived meanwhile.
     */
    private void load(List<Build> builds) throws Exception {
        int segments = settings.getRebuildSegments();
        var targets = new ArrayList<CopyLoad.Target>();
        var kept = new ArrayList<AutoCloseable>();
        Instant started = clock.instant();
        Instant[] lastProgress = {started};
        Instant[] lastLog = {started};
        CopyLoad.Outcome loaded;
        try {
            for (Build build : builds) {
                claims.claim(build.copy.processor(), segments);
                kept.add(claims.keepClaimed(build.copy.processor(), segments));
                targets.add(new CopyLoad.Target(build.copy.view().name(), build.handlers, build.transactions));
            }
            // More transactions at a time than the copies of two views apply would not go faster on
            // the machines this runs on, and would take the pool's connections from the requests.
            int transactionsAtATime = 2 * segments;
            loaded = new CopyLoad(storage, targets, segments, settings.getRebuildBatchSize(), transactionsAtATime)
                    .run(applied -> {
                        Instant now = clock.instant();
                        boolean report = Duration.between(lastProgress[0], now).compareTo(POLL) >= 0;
                        boolean log = Duration.between(lastLog[0], now).compareTo(LOG_EVERY) >= 0;
                        if (report) {
                            long head = headPosition();
                            for (int i = 0; i < builds.size(); i++) {
                                builds.get(i).tracker.progress(applied[i], head, now);
                            }
                            lastProgress[0] = now;
                        }
                        if (log) {
                            for (Build build : builds) {
                                logProgress(build.copy.view(), build.tracker);
                            }
                            lastLog[0] = now;
                        }
                    });
        } finally {
            for (AutoCloseable claimed : kept) {
                claimed.close();
            }
        }
        for (Build build : builds) {
            // Every segment goes on from the last event read; the copy's processor claims them next.
            claims.release(build.copy.processor(), segments, loaded.token());
        }
        LOG.info(
                "Loaded the copies of {}: {} events read once in {} (reader waited {} on the workers, workers {} on the reader)",
                builds.stream().map(build -> build.copy.view().name()).toList(),
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
