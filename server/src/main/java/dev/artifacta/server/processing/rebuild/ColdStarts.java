package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.rebuild.ViewRebuilds.RebuildInProgress;
import dev.artifacta.server.processing.views.ColdViews;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the views that start cold ({@link ColdViews}) once the server has started: they are
 * rebuilt into copies together, with one reader of the stream ({@link ViewRebuilds#start(List)}),
 * and each view's processor is
 * released as soon as its token rows exist, which the copy's switch-over writes, here or on another
 * node that started cold too (that node's copy claims make this one wait for its switch-over rather
 * than build the same view twice, and build it itself should that node die). A copy that fails
 * releases the processor anyway: it replays the view from the first event, as before.
 */
@Singleton
public class ColdStarts implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ColdStarts.class);
    static final Duration POLL = Duration.ofMillis(250);

    private final ColdViews cold;
    private final ViewRebuilds rebuilds;
    private final ProjectionCatalog catalog;
    private final SynchronousTransactionManager<Connection> transactions;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "view-cold-start");
        thread.setDaemon(true);
        return thread;
    });

    ColdStarts(
            ColdViews cold,
            ViewRebuilds rebuilds,
            ProjectionCatalog catalog,
            SynchronousTransactionManager<Connection> transactions) {
        this.cold = cold;
        this.rebuilds = rebuilds;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!cold.heldProcessors().isEmpty()) {
            runner.submit(this::run);
        }
    }

    private void run() {
        try {
            while (true) {
                List<String> held = catalog.streamingProcessors().stream()
                        .filter(cold::held)
                        .toList();
                if (held.isEmpty()) {
                    return;
                }
                try {
                    step(held);
                } catch (RuntimeException e) {
                    // The database out of reach, say: the views stay held and the next round tries again.
                    LOG.warn("Could not check the views starting cold; trying again", e);
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(List<String> held) {
        boolean copying = held.stream()
                .anyMatch(view -> latest(view).map(RebuildProgress::active).orElse(false));
        List<String> unbuilt = new ArrayList<>();
        for (String view : held) {
            if (hasTokens(view)) {
                LOG.info("View {} is built; its processor starts from the copy's token", view);
                cold.release(view);
                continue;
            }
            Optional<RebuildProgress> latest = latest(view);
            if (latest.map(RebuildProgress::active).orElse(false)) {
                continue;
            }
            if (latest.map(p -> RebuildProgress.FAILED.equals(p.status())).orElse(false)) {
                LOG.warn(
                        "Building view {} by a copy failed ({}); its processor replays it from the first event",
                        view,
                        latest.get().error());
                cold.release(view);
                continue;
            }
            unbuilt.add(view);
        }
        if (copying || unbuilt.isEmpty()) {
            return;
        }
        try {
            // One reader of the stream for all of them: reading and deserializing a million events
            // costs about as much as building a small view from them.
            rebuilds.start(unbuilt);
        } catch (RebuildInProgress elsewhere) {
            // Another node builds some of them (its switch-over writes the token rows this node
            // waits for): this one builds the others, one at a time.
            for (String view : unbuilt) {
                try {
                    rebuilds.start(view);
                    return;
                } catch (RebuildInProgress built) {
                    // that node's
                }
            }
        }
    }

    private Optional<RebuildProgress> latest(String view) {
        return rebuilds.latest(view);
    }

    private boolean hasTokens(String processor) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection()
                    .prepareStatement("SELECT 1 FROM token_entry WHERE processor_name = ? LIMIT 1")) {
                query.setString(1, processor);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** Stops building the views still held (they stay held: the next start builds them). */
    public void stop() {
        runner.shutdownNow();
    }
}
