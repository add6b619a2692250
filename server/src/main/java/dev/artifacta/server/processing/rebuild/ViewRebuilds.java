package dev.artifacta.server.rebuild;

import dev.artifacta.server.axon.AxonFactory;
import dev.artifacta.server.axon.MicronautTransactionManager;
import dev.artifacta.server.axon.ProcessorSettings;
import dev.artifacta.server.axon.StoredTokens;
import dev.artifacta.server.axon.ViewReplays;
import dev.artifacta.server.ops.ProjectionCatalog;
import dev.artifacta.server.ops.ProjectionCatalog.Kind;
import dev.artifacta.server.ops.ProjectionCatalog.Projection;
import dev.artifacta.server.ops.RebuildProgress;
import dev.artifacta.server.ops.RebuildStates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds views from the first event while the live views keep serving.
 *
 * <p>On PostgreSQL a streaming view is rebuilt into a copy: empty copies of its tables in a schema
 * of their own ({@code rebuild_<view>}), filled with the live processor's own handlers in
 * transactions whose {@code search_path} puts the copy first: first by one reader of the stream
 * from the first event to the head, with a worker per segment ({@link CopyLoad}), then by a second
 * tracking processor ({@code <view>@rebuild}) that goes on from the token the reader reached; the
 * copy's plain indexes are built once it has caught up (its keys and unique constraints exist from
 * the start). Once the copy has caught up with the head, one transaction
 * switches over: it locks the live tables and the live processor's token rows, applies to the copy
 * the few events that arrived meanwhile, moves the live tables out and the copies in, and hands
 * every live segment the copy's token, unclaimed. Readers see the old view until that commit and
 * the new one after it, never a half-built one; every node's live processor loses its claim and
 * resumes from the new token on its next claim. A rebuild that fails (a handler throws, the
 * switch-over cannot get its locks) drops the copy and leaves the live view as it was.
 *
 * <p>The embedded H2 default (one node, for local use) and the command side's lookup tables
 * (rebuilt from the event store in one transaction) are rebuilt in place.
 */
@Singleton
public class ViewRebuilds implements RebuildStates {

    /** The name that rebuilds every view, one after another. */
    public static final String ALL = "all";

    static final String COPY_PROCESSOR_SUFFIX = "@rebuild";
    static final String COPY = "copy";
    static final String IN_PLACE = "in-place";

    private static final Logger LOG = LoggerFactory.getLogger(ViewRebuilds.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final Duration IN_PLACE_TIMEOUT = Duration.ofHours(12);
    private static final int SWITCH_ATTEMPTS = 3;

    /** Asked for a view that does not exist. */
    public static final class UnknownView extends RuntimeException {
        UnknownView(String name) {
            super("There is no view named '" + name + "'.");
        }
    }

    /** Asked to rebuild a view that is being rebuilt (here or on another node). */
    public static final class RebuildInProgress extends RuntimeException {
        RebuildInProgress(String name, String where) {
            super("View '" + name + "' is being rebuilt " + where + "; wait until it has finished.");
        }
    }

    private final ProjectionCatalog catalog;
    private final Configuration axon;
    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final TokenStore tokenStore;
    private final Serializer serializer;
    private final SynchronousTransactionManager<Connection> transactions;
    private final ViewReplays replays;
    private final ProcessorSettings settings;
    private final Clock clock;
    private final boolean postgres;
    private final String liveSchema;
    private final String searchPath;
    private final Map<String, Tracker> latest = new ConcurrentHashMap<>();
    private final Set<TrackingEventProcessor> copyProcessors = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService claims = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "view-rebuild-claims");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService runner = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "view-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ViewRebuilds(
            ProjectionCatalog catalog,
            Configuration axon,
            EventStore eventStore,
            EventStorageEngine storage,
            TokenStore tokenStore,
            Serializer serializer,
            SynchronousTransactionManager<Connection> transactions,
            ViewReplays replays,
            ProcessorSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.catalog = catalog;
        this.axon = axon;
        this.eventStore = eventStore;
        this.storage = storage;
        this.tokenStore = tokenStore;
        this.serializer = serializer;
        this.transactions = transactions;
        this.replays = replays;
        this.settings = settings;
        this.clock = clock;
        String[] database = transactions.executeRead(status -> {
            Connection connection = status.getConnection();
            boolean isPostgres = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
            if (!isPostgres) {
                return new String[] {"h2", "", ""};
            }
            return new String[] {
                "postgresql", single(connection, "SELECT current_schema()"), single(connection, "SHOW search_path")
            };
        });
        this.postgres = "postgresql".equals(database[0]);
        this.liveSchema = database[1];
        this.searchPath = database[2];
        for (String view : AxonFactory.STREAMING_PROCESSORS) {
            Gauge.builder("artifacta.projection.rebuild.events.done", () -> progressOf(view, true))
                    .tag("processor", view)
                    .description("Events the running rebuild of the view has applied to its copy (NaN: none running)")
                    .register(meters);
            Gauge.builder("artifacta.projection.rebuild.events.total", () -> progressOf(view, false))
                    .tag("processor", view)
                    .description("The head of the event store the running rebuild works towards (NaN: none running)")
                    .register(meters);
        }
    }

    /**
     * Starts rebuilding one view, or every view ({@value #ALL}) one after another, and returns at
     * once with each one's progress; {@link #latest} follows it.
     *
     * @throws UnknownView when there is no such view
     * @throws RebuildInProgress when one of the views is being rebuilt already
     */
    public synchronized List<RebuildProgress> start(String name) {
        List<Projection> views =
                ALL.equals(name) ? catalog.all() : List.of(catalog.find(name).orElseThrow(() -> new UnknownView(name)));
        for (Projection view : views) {
            Tracker running = latest.get(view.name());
            if (running != null && running.snapshot().active()) {
                throw new RebuildInProgress(view.name(), "on this node");
            }
            if (view.kind() == Kind.STREAMING && postgres && claimedElsewhere(view.processor())) {
                throw new RebuildInProgress(view.name(), "on another node");
            }
        }
        var trackers = new ArrayList<Tracker>();
        for (Projection view : views) {
            Tracker tracker = new Tracker(view.name(), methodOf(view), clock.instant());
            latest.put(view.name(), tracker);
            trackers.add(tracker);
        }
        runner.submit(() -> {
            for (int i = 0; i < views.size(); i++) {
                rebuild(views.get(i), trackers.get(i));
            }
        });
        return trackers.stream().map(Tracker::snapshot).toList();
    }

    @Override
    public Optional<RebuildProgress> latest(String view) {
        return Optional.ofNullable(latest.get(view)).map(Tracker::snapshot);
    }

    private String methodOf(Projection view) {
        return view.kind() == Kind.STREAMING && postgres ? COPY : IN_PLACE;
    }

    private void rebuild(Projection view, Tracker tracker) {
        tracker.begin(clock.instant(), headPosition());
        LOG.info("Rebuilding view {} ({})", view.name(), tracker.method);
        try {
            if (view.kind() == Kind.IN_TRANSACTION) {
                replays.rebuildCommandLookups();
            } else if (postgres) {
                intoCopy(view, tracker);
            } else {
                replays.replay(view.processor(), IN_PLACE_TIMEOUT);
            }
            long head = headPosition();
            tracker.progress(head, head, clock.instant());
            tracker.finish(RebuildProgress.COMPLETED, null, clock.instant());
            LOG.info("View {} rebuilt: {} events in {}", view.name(), head, tracker.elapsed(clock.instant()));
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("Rebuilding view {} failed; the live view is unchanged", view.name(), e);
            tracker.finish(RebuildProgress.FAILED, describe(e), clock.instant());
        }
    }

    private void intoCopy(Projection view, Tracker tracker) throws Exception {
        String live = view.processor();
        String copyProcessorName = live + COPY_PROCESSOR_SUFFIX;
        String copySchema = "rebuild_" + live.replace('-', '_');
        String retiredSchema = "retired_" + live.replace('-', '_');
        StreamingEventProcessor liveProcessor = axon.eventProcessingConfiguration()
                .eventProcessor(live, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor named " + live));
        // The live processor's own handlers, sequencing policy and error handling: the copy is built
        // by exactly the code that keeps the live view.
        EventHandlerInvoker handlers = ((AbstractEventProcessor) liveProcessor).eventHandlerInvoker();
        int segments = settings.getRebuildSegments();

        List<String> deferredIndexes = transactions.executeWrite(status -> {
            deleteTokens(status.getConnection(), copyProcessorName);
            return CopyTables.create(status.getConnection(), liveSchema, copySchema, view.tables());
        });
        // Unqualified names resolve to the copy first; what the copy lacks (the token table, the
        // command side's tables) still resolves to the live schema. SET LOCAL ends with each
        // transaction, so pooled connections go back as they came. The copy commits without
        // waiting for the WAL flush, like the live views (AxonFactory).
        TransactionManager copyTransactions = MicronautTransactionManager.beginningWith(
                transactions,
                "SET LOCAL search_path TO " + copySchema + ", " + searchPath + "; " + AxonFactory.ASYNCHRONOUS_COMMIT);
        TrackingEventProcessor copy = TrackingEventProcessor.builder()
                .name(copyProcessorName)
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
        copyProcessors.add(copy);
        try {
            load(view, handlers, copyTransactions, copyProcessorName, segments, tracker);
            copy.start();
            awaitCopyCaughtUp(view, copy, segments, tracker);
            if (!deferredIndexes.isEmpty()) {
                // The copy's processor waits on the index builds' locks and then catches up again.
                Instant indexing = clock.instant();
                buildIndexes(deferredIndexes);
                LOG.info(
                        "Built {} indexes of view {}'s copy in {}",
                        deferredIndexes.size(),
                        view.name(),
                        Duration.between(indexing, clock.instant()));
                awaitCopyCaughtUp(view, copy, segments, tracker);
            }
            tracker.status(RebuildProgress.SWITCHING);
            switchOver(view, copy, liveProcessor, handlers, copyProcessorName, copySchema, retiredSchema);
            switched = true;
        } finally {
            copy.shutDown();
            copyProcessors.remove(copy);
            if (!switched) {
                dropCopy(copySchema, copyProcessorName);
            }
        }
        try {
            transactions.executeWrite(status -> {
                CopyTables.drop(status.getConnection(), retiredSchema);
                return null;
            });
        } catch (RuntimeException e) {
            // The new view is live; the old tables only take space until the next rebuild drops them.
            LOG.warn("Could not drop the retired copy {} of view {}", retiredSchema, view.name(), e);
        }
    }

    /**
     * Fills the copy from the first event to the head with one reader of the stream ({@link
     * CopyLoad}) and gives every segment of the copy's processor the token it reached, so that the
     * processor goes on from there with whatever arrived meanwhile.
     */
    private void load(
            Projection view,
            EventHandlerInvoker handlers,
            TransactionManager copyTransactions,
            String copyProcessorName,
            int segments,
            Tracker tracker)
            throws Exception {
        // The copy's token rows exist, claimed by this node, from the start: other nodes see that
        // the view is being rebuilt here (claimedElsewhere) for as long as the claims stay fresh.
        transactions.executeWrite(status -> {
            tokenStore.initializeTokenSegments(copyProcessorName, segments, null);
            for (int segment = 0; segment < segments; segment++) {
                tokenStore.fetchToken(copyProcessorName, segment);
            }
            return null;
        });
        Instant started = clock.instant();
        Instant[] lastProgress = {started};
        Instant[] lastLog = {started};
        CopyLoad.Outcome loaded;
        try (var claims = keepClaimed(copyProcessorName, segments)) {
            loaded = new CopyLoad(storage, handlers, copyTransactions, segments, settings.getRebuildBatchSize())
                    .run(applied -> {
                        Instant now = clock.instant();
                        if (Duration.between(lastProgress[0], now).compareTo(POLL) >= 0) {
                            tracker.progress(applied, headPosition(), now);
                            lastProgress[0] = now;
                        }
                        if (Duration.between(lastLog[0], now).compareTo(LOG_EVERY) >= 0) {
                            logProgress(view, tracker);
                            lastLog[0] = now;
                        }
                    });
        }
        // Every segment goes on from the last event read; the copy's processor claims them next.
        transactions.executeWrite(status -> {
            for (int segment = 0; segment < segments; segment++) {
                tokenStore.storeToken(loaded.token(), copyProcessorName, segment);
                tokenStore.releaseClaim(copyProcessorName, segment);
            }
            return null;
        });
        LOG.info(
                "Loaded view {}'s copy: {} events read once in {} (reader waited {} on the workers, workers {} on the reader)",
                view.name(),
                loaded.events(),
                Duration.between(started, clock.instant()),
                loaded.readerWaited(),
                loaded.workersWaited());
    }

    /**
     * Extends this node's claims on a copy's segments every third of the claim timeout until
     * closed, however long a batch of the first pass takes; closing waits for an extension under
     * way, so none runs after the caller releases the claims.
     */
    private AutoCloseable keepClaimed(String copyProcessorName, int segments) {
        long every = settings.getClaimTimeout().dividedBy(3).toMillis();
        ScheduledFuture<?> extending = claims.scheduleWithFixedDelay(
                () -> {
                    try {
                        transactions.executeWrite(status -> {
                            for (int segment = 0; segment < segments; segment++) {
                                tokenStore.extendClaim(copyProcessorName, segment);
                            }
                            return null;
                        });
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "Could not extend the claims of {}; another node may start the same rebuild",
                                copyProcessorName,
                                e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        return () -> {
            extending.cancel(false);
            // One thread runs the extensions: whatever it ran before this no-op has finished.
            claims.submit(() -> {}).get();
        };
    }

    private void logProgress(Projection view, Tracker tracker) {
        RebuildProgress p = tracker.snapshot();
        LOG.info(
                "Rebuilding view {}: {} of {} events, {} events/s, about {} s left",
                view.name(),
                p.eventsDone(),
                p.eventsTotal(),
                Math.round(p.eventsPerSecond()),
                p.etaSeconds() == null ? "?" : Math.round(p.etaSeconds()));
    }

    /**
     * Builds a copy's deferred indexes in {@code rebuild-index-builds} sessions side by side, each
     * its own transaction; fails (and the caller drops the copy) if any of them fails.
     */
    private void buildIndexes(List<String> indexes) throws InterruptedException {
        int sessions = Math.min(settings.getRebuildIndexBuilds(), indexes.size());
        var builds = new ArrayList<CompletableFuture<Void>>();
        for (int session = 0; session < sessions; session++) {
            List<String> share = new ArrayList<>();
            for (int i = session; i < indexes.size(); i += sessions) {
                share.add(indexes.get(i));
            }
            builds.add(CompletableFuture.runAsync(
                    () -> transactions.executeWrite(status -> {
                        for (String index : share) {
                            CopyTables.execute(status.getConnection(), index);
                        }
                        return null;
                    }),
                    runner));
        }
        try {
            CompletableFuture.allOf(builds.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    /** Polls the copy's processor until every segment has reached the head; fails on a handler error. */
    private void awaitCopyCaughtUp(Projection view, TrackingEventProcessor copy, int segments, Tracker tracker)
            throws InterruptedException {
        Instant lastLog = clock.instant();
        while (true) {
            Thread.sleep(POLL.toMillis());
            Map<Integer, EventTrackerStatus> status = copy.processingStatus();
            for (EventTrackerStatus segment : status.values()) {
                if (segment.isErrorState()) {
                    throw new IllegalStateException("A handler of view " + view.name() + " failed on the copy: "
                            + describe(segment.getError()));
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

    /**
     * Puts the copy in the live view's place. The copy's processor and this node's live processor
     * stop first, side by side (the live one releasing its claims), and the live one starts again
     * afterwards; other nodes' processors find their claims gone on their next token update, roll
     * that batch back and claim again from the new token.
     */
    private void switchOver(
            Projection view,
            TrackingEventProcessor copy,
            StreamingEventProcessor liveProcessor,
            EventHandlerInvoker handlers,
            String copyProcessorName,
            String copySchema,
            String retiredSchema)
            throws SQLException {
        String live = view.processor();
        String lockTimeout = settings.getRebuildLockTimeout().toMillis() + "ms";
        CompletableFuture.allOf(copy.shutdownAsync(), liveProcessor.shutdownAsync())
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
                                        + view.tables().stream()
                                                .map(t -> liveSchema + "." + t)
                                                .collect(Collectors.joining(", "))
                                        + " IN ACCESS EXCLUSIVE MODE");
                        List<Integer> liveSegments = lockTokenRows(connection, live);
                        Map<Integer, TrackingToken> copyTokens = tokens(connection, copyProcessorName);
                        CopyTables.execute(connection, "SET LOCAL search_path TO " + copySchema + ", " + searchPath);
                        TrackingToken caughtUp = catchUp(handlers, copyTokens);
                        CopyTables.execute(connection, "SET LOCAL search_path TO " + searchPath);
                        CopyTables.switchOver(connection, liveSchema, copySchema, retiredSchema, view.tables());
                        handOver(connection, live, liveSegments, caughtUp);
                        deleteTokens(connection, copyProcessorName);
                        return null;
                    });
                    return;
                } catch (RuntimeException e) {
                    if (attempt >= SWITCH_ATTEMPTS || !isLockTimeout(e)) {
                        throw e;
                    }
                    LOG.warn(
                            "Switching view {} over timed out waiting for locks (attempt {} of {}); retrying",
                            view.name(),
                            attempt,
                            SWITCH_ATTEMPTS);
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

    /** Every live segment gets the copy's token, unclaimed, so whichever node claims it next resumes there. */
    private void handOver(Connection connection, String live, List<Integer> liveSegments, @Nullable TrackingToken token)
            throws SQLException {
        if (liveSegments.isEmpty()) {
            throw new IllegalStateException("The live processor " + live + " has no token rows");
        }
        SerializedObject<byte[]> serialized = token == null ? null : serializer.serialize(token, byte[].class);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE token_entry SET token = ?, token_type = ?, owner = NULL, timestamp = ? WHERE processor_name = ?")) {
            update.setBytes(1, serialized == null ? null : serialized.getData());
            update.setString(2, serialized == null ? null : serialized.getType().getName());
            update.setString(3, DateTimeUtils.formatInstant(clock.instant()));
            update.setString(4, live);
            update.executeUpdate();
        }
    }

    private static List<Integer> lockTokenRows(Connection connection, String processor) throws SQLException {
        var segments = new ArrayList<Integer>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT segment FROM token_entry WHERE processor_name = ? ORDER BY segment FOR UPDATE")) {
            query.setString(1, processor);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    segments.add(rows.getInt(1));
                }
            }
        }
        return segments;
    }

    private Map<Integer, TrackingToken> tokens(Connection connection, String processor) throws SQLException {
        var tokens = new LinkedHashMap<Integer, TrackingToken>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment")) {
            query.setString(1, processor);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tokens.put(rows.getInt(1), StoredTokens.read(serializer, rows, 2, 3));
                }
            }
        }
        return tokens;
    }

    private static void deleteTokens(Connection connection, String processor) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM token_entry WHERE processor_name = ?")) {
            delete.setString(1, processor);
            delete.executeUpdate();
        }
    }

    /** Whether another node holds a live claim on a copy processor's segments for this view. */
    private boolean claimedElsewhere(String processor) {
        Instant fresh = clock.instant().minus(settings.getClaimTimeout());
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection()
                    .prepareStatement(
                            "SELECT timestamp FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL")) {
                query.setString(1, processor + COPY_PROCESSOR_SUFFIX);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String at = rows.getString(1);
                        if (at != null && DateTimeUtils.parseInstant(at).isAfter(fresh)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        });
    }

    private void dropCopy(String copySchema, String copyProcessorName) {
        try {
            transactions.executeWrite(status -> {
                CopyTables.drop(status.getConnection(), copySchema);
                deleteTokens(status.getConnection(), copyProcessorName);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not drop the unfinished copy {}; the next rebuild drops it", copySchema, e);
        }
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private double progressOf(String view, boolean done) {
        Tracker tracker = latest.get(view);
        if (tracker == null) {
            return Double.NaN;
        }
        RebuildProgress p = tracker.snapshot();
        if (!p.active()) {
            return Double.NaN;
        }
        return done ? p.eventsDone() : p.eventsTotal();
    }

    private static boolean isLockTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(@Nullable Throwable error) {
        if (error == null) {
            return "unknown error; see the server log";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getName() + message;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * Stops the copies being built; their schemas and tokens stay until the next rebuild of the view
     * drops them. Called by {@code AxonShutdown} when the server begins to stop, before the
     * connection pool closes.
     */
    public void stop() {
        runner.shutdownNow();
        claims.shutdownNow();
        for (TrackingEventProcessor copy : copyProcessors) {
            copy.shutDown();
        }
    }

    /** One rebuild's progress, written by its runner thread and read by requests. */
    private static final class Tracker {
        private final String view;
        private final String method;
        private volatile String status = RebuildProgress.QUEUED;
        private volatile Instant startedAt;
        private volatile @Nullable Instant finishedAt;
        private volatile long done;
        private volatile long total;
        private volatile double rate;
        private volatile @Nullable String error;

        Tracker(String view, String method, Instant queuedAt) {
            this.view = view;
            this.method = method;
            this.startedAt = queuedAt;
        }

        void begin(Instant at, long head) {
            startedAt = at;
            total = head;
            status = RebuildProgress.RUNNING;
        }

        void status(String next) {
            status = next;
        }

        void progress(long applied, long head, Instant at) {
            done = applied;
            total = head;
            double seconds = Duration.between(startedAt, at).toMillis() / 1000.0;
            rate = seconds <= 0 ? 0 : applied / seconds;
        }

        void finish(String outcome, @Nullable String why, Instant at) {
            error = why;
            finishedAt = at;
            status = outcome;
        }

        Duration elapsed(Instant now) {
            return Duration.between(startedAt, now);
        }

        RebuildProgress snapshot() {
            String current = status;
            Double eta = RebuildProgress.RUNNING.equals(current) && rate > 0 ? Math.max(0, total - done) / rate : null;
            return new RebuildProgress(view, current, method, startedAt, finishedAt, done, total, rate, eta, error);
        }
    }
}
