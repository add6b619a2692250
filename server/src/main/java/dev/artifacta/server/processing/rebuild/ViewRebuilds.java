package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.store.DatabaseVendor;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import dev.artifacta.server.processing.views.ProjectionCatalog.Kind;
import dev.artifacta.server.processing.views.ProjectionCatalog.Projection;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds views from the first event (the views of one request on a thread of their own) and keeps
 * each view's latest rebuild for the monitor.
 *
 * <p>On PostgreSQL a streaming view is rebuilt into a copy while the live view keeps serving, and
 * switched over atomically ({@link CopyRebuild}). The embedded H2 default (one node, for local use)
 * and the command side's lookup tables (rebuilt from the event store in one transaction) are
 * rebuilt in place ({@link InPlaceRebuilds}).
 */
@Singleton
public class ViewRebuilds implements RebuildStates {

    /** The name that rebuilds every view, one after another. */
    public static final String ALL = "all";

    static final String COPY = "copy";
    static final String IN_PLACE = "in-place";

    private static final Logger LOG = LoggerFactory.getLogger(ViewRebuilds.class);
    private static final Duration IN_PLACE_TIMEOUT = Duration.ofHours(12);

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
    private final EventStore eventStore;
    private final CopyRebuild copies;
    private final InPlaceRebuilds inPlace;
    private final Clock clock;
    private final boolean intoCopies;
    private final Map<String, RebuildTracker> latest = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "view-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ViewRebuilds(
            ProjectionCatalog catalog,
            EventStore eventStore,
            CopyRebuild copies,
            InPlaceRebuilds inPlace,
            DatabaseVendor vendor,
            Clock clock) {
        this.catalog = catalog;
        this.eventStore = eventStore;
        this.copies = copies;
        this.inPlace = inPlace;
        this.clock = clock;
        // Moving tables between schemas in one transaction is PostgreSQL's.
        this.intoCopies = vendor == DatabaseVendor.POSTGRESQL;
    }

    /**
     * Starts rebuilding one view, or every view ({@value #ALL}), and returns at once with each one's
     * progress; {@link #latest} follows it.
     *
     * @throws UnknownView when there is no such view
     * @throws RebuildInProgress when one of the views is being rebuilt already
     */
    public List<RebuildProgress> start(String name) {
        return start(ALL.equals(name) ? List.of() : List.of(name), ALL.equals(name));
    }

    /**
     * Starts rebuilding the named views together and returns at once with each one's progress.
     *
     * @throws UnknownView when one of them does not exist
     * @throws RebuildInProgress when one of them is being rebuilt already, here or elsewhere
     */
    public List<RebuildProgress> start(List<String> names) {
        return start(names, false);
    }

    /**
     * The views rebuilt into copies are rebuilt together, with one reader of the stream for all of
     * them ({@link CopyRebuild}); the others (the command side's lookups, every view on H2) one after
     * another, after them.
     */
    private synchronized List<RebuildProgress> start(List<String> names, boolean all) {
        List<Projection> views = all
                ? catalog.all()
                : names.stream()
                        .map(name -> catalog.find(name).orElseThrow(() -> new UnknownView(name)))
                        .toList();
        for (Projection view : views) {
            RebuildTracker running = latest.get(view.name());
            if (running != null && running.snapshot().active()) {
                throw new RebuildInProgress(view.name(), "on this node");
            }
            if (intoCopy(view) && copies.runningElsewhere(view)) {
                throw new RebuildInProgress(view.name(), "on another node");
            }
        }
        Map<Projection, RebuildTracker> trackers = new LinkedHashMap<>();
        for (Projection view : views) {
            RebuildTracker tracker = new RebuildTracker(view.name(), intoCopy(view) ? COPY : IN_PLACE, clock.instant());
            latest.put(view.name(), tracker);
            trackers.put(view, tracker);
        }
        runner.submit(() -> rebuild(trackers));
        return trackers.values().stream().map(RebuildTracker::snapshot).toList();
    }

    @Override
    public Optional<RebuildProgress> latest(String view) {
        return Optional.ofNullable(latest.get(view)).map(RebuildTracker::snapshot);
    }

    private boolean intoCopy(Projection view) {
        return view.kind() == Kind.STREAMING && intoCopies;
    }

    private void rebuild(Map<Projection, RebuildTracker> trackers) {
        List<Projection> intoCopies =
                trackers.keySet().stream().filter(this::intoCopy).toList();
        if (!intoCopies.isEmpty()) {
            long head = headPosition();
            for (Projection view : intoCopies) {
                trackers.get(view).begin(clock.instant(), head);
                LOG.info("Rebuilding view {} ({}, {} views from one reader)", view.name(), COPY, intoCopies.size());
            }
            try {
                copies.rebuild(
                        intoCopies,
                        intoCopies.stream().map(trackers::get).toList(),
                        (view, failure) -> finished(view, trackers.get(view), failure));
            } catch (RuntimeException | LinkageError e) {
                // No view of the copy stays "running" for ever: the cold start waits on them.
                for (Projection view : intoCopies) {
                    if (trackers.get(view).snapshot().active()) {
                        finished(view, trackers.get(view), e);
                    }
                }
            }
        }
        for (var entry : trackers.entrySet()) {
            if (!intoCopy(entry.getKey())) {
                rebuildInPlace(entry.getKey(), entry.getValue());
            }
        }
    }

    private void rebuildInPlace(Projection view, RebuildTracker tracker) {
        tracker.begin(clock.instant(), headPosition());
        LOG.info("Rebuilding view {} ({})", view.name(), tracker.method());
        Throwable failure = null;
        try {
            if (view.kind() == Kind.IN_TRANSACTION) {
                inPlace.rebuildCommandLookups();
            } else {
                inPlace.replay(view.processor(), IN_PLACE_TIMEOUT);
            }
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = e;
        }
        finished(view, tracker, failure);
    }

    /** Records a view's outcome: completed at the store's head, or failed with its root cause. */
    private void finished(Projection view, RebuildTracker tracker, Throwable failure) {
        if (failure == null) {
            long head = headPosition();
            tracker.progress(head, head, clock.instant());
            tracker.finish(RebuildProgress.COMPLETED, null, clock.instant());
            LOG.info("View {} rebuilt: {} events in {}", view.name(), head, tracker.elapsed(clock.instant()));
        } else {
            LOG.error("Rebuilding view {} failed; the live view is unchanged", view.name(), failure);
            tracker.finish(RebuildProgress.FAILED, RebuildTracker.describe(failure), clock.instant());
        }
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /**
     * Stops the rebuilds under way; the copies' schemas and tokens stay until the next rebuild of the
     * view drops them. Called by {@code AxonShutdown} when the server begins to stop, before the
     * connection pool closes.
     */
    public void stop() {
        runner.shutdownNow();
        copies.stop();
    }
}
