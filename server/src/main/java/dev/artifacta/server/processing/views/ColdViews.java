package dev.artifacta.server.processing.views;

import dev.artifacta.server.processing.config.ProcessorSettings;
import dev.artifacta.server.processing.store.DatabaseVendor;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The views that start cold: on PostgreSQL, a streaming view whose processor has no token rows
 * while the store holds at least {@code artifacta.processors.cold-start-copy-from} events. Its
 * processor is held (Axon's start leaves it stopped) while the view is rebuilt into a copy, which
 * reads the stream once and builds the view's indexes at the end, several times faster than the
 * processor replaying into the indexed view; the copy's switch-over writes the live token rows,
 * and the processor is released once they exist (on this node or on another that ran the copy).
 *
 * <p>A node that dies during the copy leaves the view without token rows, so the next node to
 * start holds it again; nothing marks a half-finished cold start as done.
 */
@Singleton
public class ColdViews {

    private static final Logger LOG = LoggerFactory.getLogger(ColdViews.class);

    private final SynchronousTransactionManager<Connection> transactions;
    private final ProcessorSettings settings;
    private final boolean intoCopies;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Map<String, StreamingEventProcessor> processors = new ConcurrentHashMap<>();

    ColdViews(
            SynchronousTransactionManager<Connection> transactions, ProcessorSettings settings, DatabaseVendor vendor) {
        this.transactions = transactions;
        this.settings = settings;
        // Rebuilding into a copy is PostgreSQL's (see ViewRebuilds).
        this.intoCopies = vendor == DatabaseVendor.POSTGRESQL;
    }

    /**
     * Decides, when the processor is built and before Axon starts it, whether the view starts cold
     * ({@code storedSegments}: its token rows, none for a view without tokens); if so the processor
     * stays held until {@link #release}.
     */
    void decide(String processor, int storedSegments) {
        long from = settings.getColdStartCopyFrom();
        if (!intoCopies || from <= 0 || storedSegments > 0) {
            return;
        }
        long head = transactions.executeRead(status -> {
            try (PreparedStatement max = status.getConnection()
                            .prepareStatement("SELECT MAX(global_index) FROM domain_event_entry");
                    ResultSet rows = max.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        if (head >= from) {
            held.add(processor);
            LOG.info(
                    "View {} has no tokens and the store's head is at {}: it starts by a rebuild into a copy",
                    processor,
                    head);
        }
    }

    /** Remembers the processor so that {@link #release} can start it. */
    void track(String processor, StreamingEventProcessor instance) {
        processors.put(processor, instance);
    }

    /** Whether the processor is held: its view is being built by a copy (here or on another node). */
    public boolean held(String processor) {
        return held.contains(processor);
    }

    /** The processors held, in no particular order. */
    public List<String> heldProcessors() {
        return List.copyOf(held);
    }

    /**
     * Lets the processor go and starts it: from the token rows the copy's switch-over wrote or,
     * when the copy failed, from the first event, as a processor without tokens does.
     */
    public void release(String processor) {
        if (held.remove(processor)) {
            StreamingEventProcessor instance = processors.get(processor);
            if (instance != null) {
                instance.start();
            }
        }
    }
}
