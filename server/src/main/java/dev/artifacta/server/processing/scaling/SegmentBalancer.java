package dev.artifacta.server.processing.scaling;

import dev.artifacta.server.processing.config.NodeIdentity;
import dev.artifacta.server.processing.config.ProcessorSettings;
import dev.artifacta.server.processing.views.ProjectionCatalog;
import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the views' segments between the nodes on one database.
 *
 * <p>Each node runs a thread per segment and claims every free segment it finds, so without this
 * the node that starts first would hold every segment and the others would only stand by. Every
 * node announces itself in {@code server_node}; a node that holds more of a processor's segments
 * than its fair share (the segments divided by the nodes alive, rounded up) releases the surplus
 * for a while, and a node with fewer claims them at its next look. A node that stops announcing
 * itself (it died) stops counting after three intervals, and the survivors take its segments once
 * its claims lapse.
 */
@Context
public class SegmentBalancer {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentBalancer.class);
    /** Rows of nodes silent for this long are removed: they are gone, not just slow. */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final Configuration axon;
    private final ProjectionCatalog catalog;
    private final DataSource pool;
    private final NodeIdentity node;
    private final ProcessorSettings settings;
    private final Clock clock;
    private final Instant startedAt;

    public SegmentBalancer(
            Configuration axon,
            ProjectionCatalog catalog,
            DataSource dataSource,
            NodeIdentity node,
            ProcessorSettings settings,
            Clock clock) {
        this.axon = axon;
        this.catalog = catalog;
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.node = node;
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Scheduled(fixedDelay = "${artifacta.processors.balance-interval:2s}", initialDelay = "1s")
    void balance() {
        if (!settings.isBalance()) {
            return;
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            announce(connection);
            int nodes = nodesAlive(connection);
            if (nodes <= 1) {
                return; // alone, a node's share is everything it holds
            }
            Map<String, List<Integer>> mine = new HashMap<>();
            Map<String, Integer> totals = new HashMap<>();
            readClaims(connection, mine, totals);
            for (String name : catalog.streamingProcessors()) {
                releaseSurplus(name, mine.getOrDefault(name, List.of()), totals.getOrDefault(name, 0), nodes);
            }
        } catch (SQLException | RuntimeException e) {
            // Balancing is an optimization: a node that cannot balance still processes what it holds.
            LOG.warn("Could not balance the views' segments this time", e);
        }
    }

    /** Every processor's segment count, and the segments this node holds, from one read of the token table. */
    private void readClaims(Connection connection, Map<String, List<Integer>> mine, Map<String, Integer> totals)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                        "SELECT processor_name, segment, owner FROM token_entry ORDER BY processor_name, segment");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String processor = rows.getString(1);
                totals.merge(processor, 1, Integer::sum);
                if (node.id().equals(rows.getString(3))) {
                    mine.computeIfAbsent(processor, p -> new ArrayList<>()).add(rows.getInt(2));
                }
            }
        }
    }

    /** Releases the segments of one processor that this node holds beyond its fair share. */
    private void releaseSurplus(String name, List<Integer> mine, int total, int nodes) {
        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElse(null);
        if (processor == null || !processor.isRunning()) {
            return;
        }
        int share = fairShare(total, nodes);
        List<Integer> surplus = mine.subList(Math.min(share, mine.size()), mine.size());
        for (int segment : List.copyOf(surplus)) {
            LOG.info(
                    "Releasing segment {} of {} to another node ({} nodes share {} segments)",
                    segment,
                    name,
                    nodes,
                    total);
            // Axon keeps a released segment unclaimed here for twice the claim interval, long
            // enough for another node's next look.
            processor.releaseSegment(segment);
        }
    }

    /** The most segments of a processor one node should hold: all of them divided by the nodes, rounded up. */
    static int fairShare(int segments, int nodes) {
        return (segments + nodes - 1) / nodes;
    }

    private void announce(Connection connection) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE server_node SET heartbeat_at = ? WHERE node_id = ?")) {
            update.setTimestamp(1, now);
            update.setString(2, node.id());
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO server_node (node_id, started_at, heartbeat_at) VALUES (?, ?, ?)")) {
            insert.setString(1, node.id());
            insert.setTimestamp(2, Timestamp.from(startedAt));
            insert.setTimestamp(3, now);
            insert.executeUpdate();
        }
        try (PreparedStatement forget = connection.prepareStatement("DELETE FROM server_node WHERE heartbeat_at < ?")) {
            forget.setTimestamp(1, Timestamp.from(clock.instant().minus(FORGET_AFTER)));
            forget.executeUpdate();
        }
    }

    private int nodesAlive(Connection connection) throws SQLException {
        Instant since = clock.instant().minus(settings.getBalanceInterval().multipliedBy(3));
        try (PreparedStatement query =
                connection.prepareStatement("SELECT COUNT(*) FROM server_node WHERE heartbeat_at >= ?")) {
            query.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** A node that stops cleanly leaves at once, so the others take its share without waiting. */
    @PreDestroy
    void leave() {
        try (Connection connection = pool.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM server_node WHERE node_id = ?")) {
            connection.setAutoCommit(true);
            delete.setString(1, node.id());
            delete.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not remove this node from server_node on shutdown", e);
        }
    }
}
