package dev.artifacta.server.auth;

import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ArtifactEvent;
import dev.artifacta.events.CommentEvent;
import dev.artifacta.events.ProjectEvent;
import dev.artifacta.events.ShareLinkEvent;
import dev.artifacta.server.processing.config.NodeIdentity;
import dev.artifacta.server.processing.views.WriteVisibility;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link CredentialCache} true on every node sharing a PostgreSQL database.
 *
 * <p>The database announces every change to keys, agents, members and tenants itself (triggers,
 * {@code V23__notify_credential_changes.sql}): a notification per changed tenant on the channel
 * {@value #CHANNEL} with a number from {@code credential_change_seq}. This node listens on a
 * connection of its own, drops the tenant's cached entries for each, and records in
 * {@code server_node} the highest number it has seen, with the time (the database's clock). The
 * cache is on only while that works: it is turned off at once when the connection fails, and when
 * a number stays unseen for longer than {@link #LAG_LIMIT_MILLIS} (a transaction that drew it and
 * rolled back, or a stuck connection), the cache starts over empty.
 *
 * <p>As a {@link WriteVisibility}, it makes a write wait, after its commit, until every node that
 * recorded its progress in the last {@link #LIVE_SECONDS} seconds has seen the last number drawn
 * (a write of artifact, comment, share link, project or new key events only, which change nothing
 * cached, does not):
 * so when the answer to a revocation, an agent's disabling or a member's removal arrives, no node
 * still accepts the key. A node that stopped recording for longer than that has, by then, turned
 * its own cache off ({@link #LAG_LIMIT_MILLIS} is well below it).
 *
 * <p>On H2 (one process, no notifications) the cache stays off and every request looks its key up.
 */
@Context
public class CredentialChanges implements WriteVisibility {

    static final String CHANNEL = "artifacta_credentials";
    /** How long a drawn number may stay unseen before the cache starts over. */
    static final long LAG_LIMIT_MILLIS = 1_000;
    /** A node that has not recorded its progress for this long is not waited for. */
    static final int LIVE_SECONDS = 4;

    private static final int POLL_MILLIS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(CredentialChanges.class);

    private final CredentialCache cache;
    private final NodeIdentity node;
    private final DataSource pool;
    private final String url;
    private final String user;
    private final String password;
    private final boolean postgres;
    private final Thread listener;
    private volatile boolean stopping;
    /** The highest announced number this node has acted on. */
    private volatile long seen;

    public CredentialChanges(
            CredentialCache cache,
            NodeIdentity node,
            DataSource dataSource,
            @Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username:}") String user,
            @Value("${datasources.default.password:}") String password,
            @Value("${artifacta.auth.credential-cache:true}") boolean enabled) {
        this.cache = cache;
        this.node = node;
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.url = url;
        this.user = user;
        this.password = password;
        this.postgres = url.startsWith("jdbc:postgresql:");
        this.listener = Thread.ofPlatform().name("credential-changes").daemon().unstarted(this::listen);
        if (postgres && enabled) {
            listener.start();
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        cache.enable(false);
        listener.interrupt();
    }

    private void listen() {
        long backoff = 100;
        while (!stopping) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                // Listening first, then the number to start from: nothing announced in between is missed.
                seen = lastDrawn(connection);
                record(connection);
                cache.enable(true);
                backoff = 100;
                follow(connection);
            } catch (SQLException | RuntimeException e) {
                if (!stopping) {
                    LOG.debug("Listening for credential changes failed; looking keys up until it works again", e);
                }
            } finally {
                cache.enable(false);
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 2_000);
        }
    }

    private void follow(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long lagSince = 0;
        long recordedAt = System.nanoTime();
        while (!stopping) {
            PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
            long before = seen;
            if (received != null) {
                for (PGNotification notification : received) {
                    apply(notification.getParameter());
                }
            }
            long drawn = lastDrawn(connection);
            cache.confirm();
            if (drawn > seen) {
                long now = System.nanoTime();
                if (lagSince == 0) {
                    lagSince = now;
                } else if (now - lagSince > LAG_LIMIT_MILLIS * 1_000_000) {
                    cache.invalidateAll();
                    seen = drawn;
                    lagSince = 0;
                }
            } else {
                lagSince = 0;
            }
            if (seen != before || System.nanoTime() - recordedAt > 1_000_000_000L) {
                record(connection);
                recordedAt = System.nanoTime();
            }
        }
    }

    /** Acts on one announcement: {@code "<number> <tenant id>"}, or {@code "<number> *"} for every tenant. */
    void apply(String payload) {
        int space = payload.indexOf(' ');
        long number;
        try {
            number = Long.parseLong(payload.substring(0, Math.max(space, 0)));
        } catch (NumberFormatException e) {
            cache.invalidateAll();
            return;
        }
        String tenant = payload.substring(space + 1);
        if (tenant.equals("*")) {
            cache.invalidateAll();
        } else {
            cache.invalidateTenant(tenant);
        }
        if (number > seen) {
            seen = number;
        }
    }

    private static long lastDrawn(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet row = query.executeQuery(
                        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM credential_change_seq")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** This node's progress, with the database's time, in its row of {@code server_node}. */
    private void record(Connection connection) throws SQLException {
        // One upsert: the row is usually there (SegmentBalancer announces the node), but this node
        // must be waited for from its first cached key on, balancing or not.
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO server_node (node_id, started_at, heartbeat_at, credentials_seen, credentials_heartbeat_at)"
                        + " VALUES (?, clock_timestamp(), clock_timestamp(), ?, clock_timestamp())"
                        + " ON CONFLICT (node_id) DO UPDATE SET credentials_seen = EXCLUDED.credentials_seen,"
                        + " credentials_heartbeat_at = EXCLUDED.credentials_heartbeat_at")) {
            upsert.setString(1, node.id());
            upsert.setLong(2, seen);
            upsert.executeUpdate();
        }
    }

    /**
     * Events whose handlers change nothing a node caches: a write of only these does not wait for
     * the nodes. Those of artifacts, comments, share links and projects write no table the
     * credential triggers watch (keys, tenants, agents, members). A new key's row is an insertion,
     * which nothing cached depends on; the one update its handler may make, an expired key giving
     * its name up ({@code active_name}), draws a number but changes nothing authentication reads.
     * Any other event, a new kind included, waits.
     */
    private static final Set<Class<?>> NEVER_CHANGING_CREDENTIALS = Set.of(
            ArtifactEvent.class, CommentEvent.class, ShareLinkEvent.class, ProjectEvent.class, ApiKeyCreated.class);

    static boolean mayChangeCredentials(Set<Class<?>> eventTypes) {
        return eventTypes.isEmpty()
                || eventTypes.stream().anyMatch(type -> NEVER_CHANGING_CREDENTIALS.stream()
                        .noneMatch(kind -> kind.isAssignableFrom(type)));
    }

    @Override
    public void await(Set<Class<?>> eventTypes, long deadlineNanos) {
        if (!postgres || !mayChangeCredentials(eventTypes)) {
            return;
        }
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM credential_change_seq),"
                                + " (SELECT MIN(credentials_seen) FROM server_node"
                                + " WHERE credentials_heartbeat_at >= clock_timestamp() - make_interval(secs => ?))")) {
            connection.setAutoCommit(true);
            query.setInt(1, LIVE_SECONDS);
            while (true) {
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    long drawn = row.getLong(1);
                    long slowest = row.getLong(2);
                    if (row.wasNull() || slowest >= drawn) {
                        return;
                    }
                }
                if (System.nanoTime() > deadlineNanos) {
                    LOG.warn("A credential change was not yet seen by every node when the write answered");
                    return;
                }
                sleep(2);
            }
        } catch (SQLException | RuntimeException e) {
            // The write is done; the nodes still drop the change when it reaches them.
            LOG.debug("Could not wait for the nodes to see a credential change", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
