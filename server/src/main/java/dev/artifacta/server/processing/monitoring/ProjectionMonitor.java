package dev.artifacta.server.processing.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.artifacta.server.processing.rebuild.RebuildProgress;
import dev.artifacta.server.processing.rebuild.RebuildStates;
import dev.artifacta.server.processing.store.StoredTokens;
import dev.artifacta.server.processing.views.ColdViews;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import dev.artifacta.server.processing.views.ProjectionCatalog.Kind;
import dev.artifacta.server.processing.views.ProjectionCatalog.Projection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.Serializer;

/**
 * Where every view stands against the event store, cluster-wide: positions come from the token
 * rows in {@code token_entry} (every segment, whichever node claims it), read without claiming
 * anything, and the head from {@code domain_event_entry}, all in one snapshot. Only the state
 * (running, stopped, failed) is this node's view of its own processor.
 */
@Singleton
public class ProjectionMonitor {

    /** Processing on this node. */
    public static final String RUNNING = "running";
    /** Shut down on this node (its segments may still be processed elsewhere). */
    public static final String STOPPED = "stopped";
    /** A handler failed on a segment (or the processor): it retries with back-off and does not skip the event. */
    public static final String FAILED = "failed";
    /**
     * Being rebuilt into a copy (or in place) on this node, or starting cold (built by a copy here
     * or on another node); the live view keeps serving until the switch-over.
     */
    public static final String REBUILDING = "rebuilding";

    /** A segment's token: which node holds it and the last global index it has applied. */
    @Schema(name = "ProjectionSegment")
    @Serdeable
    public record Segment(int segment, @Nullable String owner, long position) {}

    /**
     * A view's standing. {@code position} is the lowest segment position (every event at or below
     * it is applied), {@code head} the highest global index in the store, {@code lagEvents} the
     * distance between them and {@code lagSeconds} the time between the event at the position and
     * the head event. {@code error} is present when the state is failed; {@code rebuild} is the
     * latest rebuild of the view on this node (running or finished), absent when none ran since start-up.
     */
    @Schema(name = "ProjectionStatus")
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            String name,
            String processor,
            String kind,
            List<Segment> segments,
            long position,
            long head,
            long lagEvents,
            double lagSeconds,
            String state,
            @Nullable String error,
            @Nullable RebuildProgress rebuild) {}

    /** Every view and the head of the event store they were measured against. */
    @Schema(name = "ProjectionOverview")
    @Serdeable
    public record Overview(List<Status> items, long head) {}

    private final ProjectionCatalog catalog;
    private final ReadSnapshot snapshot;
    private final Serializer serializer;
    private final Configuration axon;
    private final RebuildStates rebuilds;
    private final ColdViews cold;

    public ProjectionMonitor(
            ProjectionCatalog catalog,
            ReadSnapshot snapshot,
            Serializer serializer,
            Configuration axon,
            RebuildStates rebuilds,
            ColdViews cold) {
        this.catalog = catalog;
        this.snapshot = snapshot;
        this.serializer = serializer;
        this.axon = axon;
        this.rebuilds = rebuilds;
        this.cold = cold;
    }

    public Overview all() {
        return snapshot.read(connection -> {
            long head = head(connection);
            Map<String, List<Segment>> tokens = segments(connection, null);
            var items = new ArrayList<Status>();
            for (Projection projection : catalog.all()) {
                items.add(status(connection, projection, head, tokens.getOrDefault(projection.processor(), List.of())));
            }
            return new Overview(List.copyOf(items), head);
        });
    }

    public Optional<Status> status(String name) {
        return catalog.find(name)
                .map(projection -> snapshot.read(connection -> status(
                        connection,
                        projection,
                        head(connection),
                        segments(connection, projection.processor()).getOrDefault(projection.processor(), List.of()))));
    }

    private Status status(Connection connection, Projection projection, long head, List<Segment> segments)
            throws SQLException {
        RebuildProgress rebuild = rebuilds.latest(projection.name()).orElse(null);
        State state = (rebuild != null && rebuild.active()) || cold.held(projection.processor())
                ? new State(REBUILDING, null)
                : stateOf(projection);
        if (projection.kind() == Kind.IN_TRANSACTION) {
            // Written in the append's transaction: whatever the snapshot holds, it holds too.
            return new Status(
                    projection.name(),
                    projection.processor(),
                    projection.kind().label(),
                    List.of(),
                    head,
                    head,
                    0,
                    0,
                    state.state(),
                    state.error(),
                    rebuild);
        }
        long position = segments.isEmpty()
                ? 0
                : segments.stream().mapToLong(Segment::position).min().getAsLong();
        long lagEvents = Math.max(0, head - position);
        return new Status(
                projection.name(),
                projection.processor(),
                projection.kind().label(),
                segments,
                position,
                head,
                lagEvents,
                lagEvents == 0 ? 0 : lagSeconds(connection, position, head),
                state.state(),
                state.error(),
                rebuild);
    }

    /** The highest global index (0 for an empty store: indexes start at 1). */
    private static long head(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MAX(global_index) FROM domain_event_entry");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            long head = rows.getLong(1);
            return rows.wasNull() ? 0 : head;
        }
    }

    /**
     * Token rows by processor (one processor, or all when {@code processor} is null), in segment
     * order. A replay's token reports how far the replay has come; a segment without a token has
     * applied nothing (0).
     */
    private Map<String, List<Segment>> segments(Connection connection, @Nullable String processor) throws SQLException {
        String sql = "SELECT processor_name, segment, owner, token, token_type FROM token_entry"
                + (processor == null ? "" : " WHERE processor_name = ?")
                + " ORDER BY processor_name, segment";
        var result = new LinkedHashMap<String, List<Segment>>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (processor != null) {
                query.setString(1, processor);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.computeIfAbsent(rows.getString(1), name -> new ArrayList<>())
                            .add(new Segment(
                                    rows.getInt(2),
                                    rows.getString(3),
                                    StoredTokens.position(StoredTokens.read(serializer, rows, 4, 5), 0)));
                }
            }
        }
        return result;
    }

    /**
     * Seconds between the last event the view has applied (the event at its position, or the
     * nearest one below when the position is a hole left by a rolled-back append) and the head
     * event. A view that has applied nothing is measured from the first event.
     */
    private static double lagSeconds(Connection connection, long position, long head) throws SQLException {
        Instant headTime = timeOf(connection, "SELECT time_stamp FROM domain_event_entry WHERE global_index = ?", head);
        Instant applied = timeOf(
                connection,
                "SELECT time_stamp FROM domain_event_entry WHERE global_index <= ? ORDER BY global_index DESC LIMIT 1",
                position);
        if (applied == null) {
            applied = timeOf(
                    connection,
                    "SELECT time_stamp FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT 1",
                    position);
        }
        if (headTime == null || applied == null) {
            return 0;
        }
        return Math.max(0, Duration.between(applied, headTime).toMillis()) / 1000.0;
    }

    private static @Nullable Instant timeOf(Connection connection, String sql, long index) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, index);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? DateTimeUtils.parseInstant(rows.getString(1)) : null;
            }
        }
    }

    /** A state and, when failed, what failed. */
    private record State(String state, @Nullable String error) {}

    /**
     * The state of the view's processor as this node sees it, read once so the state and its error
     * agree. A view being rebuilt reports {@code rebuilding} instead (see {@link #status}).
     */
    private State stateOf(Projection projection) {
        EventProcessor processor = processorOf(projection);
        if (processor == null) {
            return new State(FAILED, "No processor named '" + projection.processor() + "' is configured on this node.");
        }
        // A tracking processor whose handler throws stays "running": the failing segment is marked
        // in error, releases its claim and retries with back-off. isError() covers the rest.
        if (processor instanceof StreamingEventProcessor streaming) {
            for (EventTrackerStatus segment : streaming.processingStatus().values()) {
                if (segment.isErrorState()) {
                    return new State(FAILED, describe(segment.getError()));
                }
            }
        }
        if (processor.isError()) {
            return new State(FAILED, "The processor failed and is retrying; see the server log.");
        }
        return new State(processor.isRunning() ? RUNNING : STOPPED, null);
    }

    private static String describe(@Nullable Throwable error) {
        if (error == null) {
            return "The processor failed and is retrying; see the server log.";
        }
        return error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    private @Nullable EventProcessor processorOf(Projection projection) {
        return axon.eventProcessingConfiguration()
                .eventProcessor(projection.processor())
                .orElse(null);
    }
}
