package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.store.DatabaseVendor;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import dev.artifacta.server.processing.views.ProjectionCatalog.Kind;
import dev.artifacta.server.processing.views.ProjectionCatalog.Projection;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * Rebuilds views from the first event (the views of one request one after another, on a thread of
 * their own) and keeps each view's latest rebuild for the monitor.
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
            RebuildTracker running = latest.get(view.name());
            if (running != null && running.snapshot().active()) {
                throw new RebuildInProgress(view.name(), "on this node");
            }
            if (intoCopy(view) && copies.runningElsewhere(view)) {
                throw new RebuildInProgress(view.name(), "on another node");
            }
        }
        var trackers = new ArrayList<RebuildTracker>();
        for (Projection view : views) {
            RebuildTracker tracker = new RebuildTracker(view.name(), intoCopy(view) ? COPY : IN_PLACE, clock.instant());
            latest.put(view.name(), tracker);
            trackers.add(tracker);
        }
        runner.submit(() -> {
            for (int i = 0; i < views.size(); i++) {
                rebuild(views.get(i), trackers.get(i));
            }
        });
        return trackers.stream().map(RebuildTracker::snapshot).toList();
    }

    /**
     * Starts rebuilding several streaming views into copies together, with one reader of the stream
     * for all of them ({@link CopyRebuild}), and returns at once with each one's progress.
     *
     * @throws UnknownView when one of them does not exist
     * @throws RebuildInProgress when one of them is being rebuilt already, here or elsewhere
     * @throws IllegalArgumentException when one of them is not rebuilt into a copy here
     */
    public synchronized List<RebuildProgress> startTogether(List<String> names) {
        List<Projection> views = new ArrayList<>();
        for (String name : names) {
            Projection view = catalog.find(name).orElseThrow(() -> new UnknownView(name));
            if (!intoCopy(view)) {
                throw new IllegalArgumentException("View '" + name + "' is not rebuilt into a copy here");
            }
            RebuildTracker running = latest.get(view.name());
            if (running != null && running.snapshot().active()) {
                throw new RebuildInProgress(view.name(), "on this node");
            }
            if (copies.runningElsewhere(view)) {
                throw new RebuildInProgress(view.name(), "on another node");
            }
            views.add(view);
        }
        var trackers = new ArrayList<RebuildTracker>();
        for (Projection view : views) {
            RebuildTracker tracker = new RebuildTracker(view.name(), COPY, clock.instant());
            latest.put(view.name(), tracker);
            trackers.add(tracker);
        }
        runner.submit(() -> rebuildTogether(views, trackers));
        return trackers.stream().map(RebuildTracker::snapshot).toList();
    }

    private void rebuildTogether(List<Projection> views, List<RebuildTracker> trackers) {
        long head = headPosition();
        for (int i = 0; i < views.size(); i++) {
            trackers.get(i).begin(clock.instant(), head);
            LOG.info(
                    "Rebuilding view {} ({}, one reader with {} other views)",
                    views.get(i).name(),
                    COPY,
                    views.size() - 1);
        }
        copies.rebuild(views, trackers, (view, failure) -> {
            RebuildTracker tracker = trackers.get(views.indexOf(view));
            if (failure == null) {
                long now = headPosition();
                tracker.progress(now, now, clock.instant());
                tracker.finish(RebuildProgress.COMPLETED, null, clock.instant());
                LOG.info("View {} rebuilt: {} events in {}", view.name(), now, tracker.elapsed(clock.instant()));
            } else {
                LOG.error("Rebuilding view {} failed; the live view is unchanged", view.name(), failure);
                tracker.finish(RebuildProgress.FAILED, RebuildTracker.describe(failure), clock.instant());
            }
        });
    }

    @Override
    public Optional<RebuildProgress> latest(String view) {
        return Optional.ofNullable(latest.get(view)).map(RebuildTracker::snapshot);
    }

    private boolean intoCopy(Projection view) {
        return view.kind() == Kind.STREAMING && intoCopies;
    }

    private void rebuild(Projection view, RebuildTracker tracker) {
        tracker.begin(clock.instant(), headPosition());
        LOG.info("Rebuilding view {} ({})", view.name(), tracker.method());
        try {
            if (view.kind() == Kind.IN_TRANSACTION) {
                inPlace.rebuildCommandLookups();
            } else if (intoCopy(view)) {
                copies.rebuild(view, tracker);
            } else {
                inPlace.replay(view.processor(), IN_PLACE_TIMEOUT);
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
            tracker.finish(RebuildProgress.FAILED, RebuildTracker.describe(e), clock.instant());
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
