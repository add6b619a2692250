package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.config.ProcessorSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims on a copy's segments while its first pass runs. The copy's token rows exist, claimed
 * by this node, from the start, and stay claimed for as long as the pass takes: another node sees
 * that the view is being rebuilt here ({@link #claimedElsewhere}) and refuses to start the same
 * rebuild.
 */
@Singleton
class CopyClaims {

    private static final Logger LOG = LoggerFactory.getLogger(CopyClaims.class);

    private final TokenStore tokenStore;
    private final SynchronousTransactionManager<Connection> transactions;
    private final ProcessorSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService extensions = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "view-rebuild-claims");
        thread.setDaemon(true);
        return thread;
    });

    CopyClaims(
            TokenStore tokenStore,
            SynchronousTransactionManager<Connection> transactions,
            ProcessorSettings settings,
            Clock clock) {
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Creates the copy's token rows, without a token, each claimed by this node. */
    void claim(String copyProcessor, int segments) {
        transactions.executeWrite(status -> {
            tokenStore.initializeTokenSegments(copyProcessor, segments, null);
            for (int segment = 0; segment < segments; segment++) {
                tokenStore.fetchToken(copyProcessor, segment);
            }
            return null;
        });
    }

    /**
     * Extends this node's claims on a copy's segments every third of the claim timeout until
     * closed, however long a batch of the first pass takes; closing waits for an extension under
     * way, so none runs after the caller releases the claims.
     */
    AutoCloseable keepClaimed(String copyProcessor, int segments) {
        long every = settings.getClaimTimeout().dividedBy(3).toMillis();
        ScheduledFuture<?> extending = extensions.scheduleWithFixedDelay(
                () -> {
                    try {
                        transactions.executeWrite(status -> {
                            for (int segment = 0; segment < segments; segment++) {
                                tokenStore.extendClaim(copyProcessor, segment);
                            }
                            return null;
                        });
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "Could not extend the claims of {}; another node may start the same rebuild",
                                copyProcessor,
                                e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        return () -> {
            extending.cancel(false);
            // One thread runs the extensions: whatever it ran before this no-op has finished.
            extensions.submit(() -> {}).get();
        };
    }

    /** Stores {@code token} for every segment of the copy and releases the claims: its processor claims them next. */
    void release(String copyProcessor, int segments, @Nullable TrackingToken token) {
        transactions.executeWrite(status -> {
            for (int segment = 0; segment < segments; segment++) {
                tokenStore.storeToken(token, copyProcessor, segment);
                tokenStore.releaseClaim(copyProcessor, segment);
            }
            return null;
        });
    }

    /** Whether a node holds a live claim on the copy processor's segments of this live processor. */
    boolean claimedElsewhere(String liveProcessor) {
        return transactions.executeRead(status -> TokenRows.claimedSince(
                status.getConnection(),
                liveProcessor + ViewCopy.PROCESSOR_SUFFIX,
                clock.instant().minus(settings.getClaimTimeout())));
    }

    void stop() {
        extensions.shutdownNow();
    }
}
