package dev.artifacta.server.processing.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentMap;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;

/**
 * Keeps an aggregate type's loaded aggregates in this node's memory between commands, so a command
 * on an artifact with a long history does not read its snapshot and replay the events after it.
 *
 * <p>An entry is used only while the event store holds no newer event of its aggregate: {@link
 * #get} reads the aggregate's last sequence number (one lookup in the store's unique index) and
 * drops the entry when another node has appended since. Without that check a node would decide on
 * a stale state, answering 412 to an {@code If-Match} that names the true head. A write racing the
 * check still meets the store's unique sequence and fails as a concurrent modification, as without a
 * cache. Axon removes the entry when a unit of work that used it rolls back.
 *
 * <p>Bounded by weight: an aggregate weighs the number of its events, so the memory held stays in
 * proportion to {@code maxEvents} events' state whatever the histories' lengths.
 */
final class FreshAggregateCache implements Cache {

    /**
     * The statement {@link #get} checks an entry with. Not {@code max(sequence_number)}: prepared,
     * PostgreSQL keeps a generic plan per connection, and on a store without statistics yet that
     * plan aggregated every event of the aggregate (half of PostgreSQL's time per append in a write
     * benchmark). Ordered and limited, the only sensible plan reads the last entry of the unique
     * index's range, with or without statistics ({@code LastSequenceLookupIT}).
     */
    static final String LAST_SEQUENCE = "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?"
            + " ORDER BY sequence_number DESC LIMIT 1";

    private final ConcurrentMap<Object, Object> entries;
    private final ConnectionProvider connections;

    FreshAggregateCache(ConnectionProvider connections, long maxEvents) {
        this.connections = connections;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxEvents)
                .<Object, Object>weigher((key, entry) -> (int) Math.min(Integer.MAX_VALUE, 1 + lastSequence(entry)))
                .build()
                .asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        long cached = lastSequence(entry);
        if (cached < 0 || cached != storedSequence(key)) {
            entries.remove(key, entry);
            return null;
        }
        return (V) entry;
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return () -> true; // nothing listens to this cache
    }

    /**
     * The sequence number of the last event the cached aggregate has applied (-1 for anything but
     * Axon's entry). An entry made in this process keeps the aggregate it was made from, and
     * {@code recreateAggregate} answers that one without using its arguments.
     */
    private static long lastSequence(Object entry) {
        if (entry instanceof AggregateCacheEntry<?> cacheEntry) {
            EventSourcedAggregate<?> aggregate = cacheEntry.recreateAggregate(null, null, null, null);
            if (aggregate != null && aggregate.version() != null) {
                return aggregate.version();
            }
        }
        return -1;
    }

    /** The last sequence number the event store holds for the aggregate (-1 when it holds none). */
    private long storedSequence(Object key) {
        try (Connection connection = connections.getConnection();
                PreparedStatement query = connection.prepareStatement(LAST_SEQUENCE)) {
            query.setString(1, String.valueOf(key));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1; // no row: the store has no event of it
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the last event of aggregate " + key, e);
        }
    }
}
