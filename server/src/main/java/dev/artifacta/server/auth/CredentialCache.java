package dev.artifacta.server.auth;

import dev.artifacta.command.apikeys.infrastructure.Credential;
import dev.artifacta.server.access.Principal;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What presented keys resolved to, by the key's SHA-256 (the raw key is never held), so that a
 * keyed request needs no database round trip. Only keys that authenticated are kept, with the
 * principal built from them. Correctness rests on {@link CredentialChanges}: it turns the cache on
 * only while it hears the database announce every change to keys, agents, members and tenants,
 * drops a tenant's entries on each announcement, and makes a write that changed any of them wait
 * until every node has dropped them. Entries also lapse after {@link #TIME_TO_LIVE_NANOS}.
 */
@Singleton
public class CredentialCache {

    /** A backstop: an entry is looked up again after a minute even if no change was announced. */
    static final long TIME_TO_LIVE_NANOS = 60_000_000_000L;

    /** More distinct keys than this in a minute and the cache starts over (it is a cache, not a store). */
    static final int MAX_ENTRIES = 50_000;

    /**
     * How long the cache is trusted after the listener's last confirmation; well below the
     * {@link CredentialChanges#LIVE_SECONDS} after which writes stop waiting for this node.
     */
    static final long CONFIRMATION_LIMIT_NANOS = 2_000_000_000L;

    /** A credential that authenticated, and the principal it makes. */
    public record Entry(Credential credential, Principal.ApiKey principal, long cachedAtNanos) {}

    private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();
    /** Moves on every invalidation: a lookup that started before one must not be cached after it. */
    private final AtomicLong generation = new AtomicLong();

    private volatile boolean enabled;
    /** When {@link CredentialChanges} last confirmed it is following the announcements. */
    private volatile long confirmedAtNanos;

    /** The entry for a key's hash, while the cache is on and the entry is fresh. */
    public Optional<Entry> find(String secretSha256) {
        if (!enabled || System.nanoTime() - confirmedAtNanos > CONFIRMATION_LIMIT_NANOS) {
            // Off, or the listener has not confirmed for a while (a stall, a long pause): other
            // nodes may have stopped waiting for this one, so nothing cached is trusted.
            return Optional.empty();
        }
        Entry entry = byHash.get(secretSha256);
        if (entry == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - entry.cachedAtNanos() > TIME_TO_LIVE_NANOS) {
            byHash.remove(secretSha256, entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /** The generation to pass to {@link #put} for a lookup that starts now. */
    public long generation() {
        return generation.get();
    }

    /**
     * Keeps what a lookup found, unless a change was announced since it started (then the row it
     * read may already be stale) or the cache is off.
     */
    public void put(String secretSha256, Credential credential, Principal.ApiKey principal, long startedAt) {
        if (!enabled || generation.get() != startedAt) {
            return;
        }
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.clear();
        }
        Entry entry = new Entry(credential, principal, System.nanoTime());
        byHash.put(secretSha256, entry);
        if (generation.get() != startedAt) {
            byHash.remove(secretSha256, entry); // an invalidation ran while it went in
        }
    }

    /** Drops every entry of the tenant. */
    public void invalidateTenant(String tenantId) {
        generation.incrementAndGet();
        byHash.values().removeIf(entry -> entry.credential().tenantId().equals(tenantId));
    }

    /** Drops every entry. */
    public void invalidateAll() {
        generation.incrementAndGet();
        byHash.clear();
    }

    /** The listener is following the announcements as of now. */
    void confirm() {
        confirmedAtNanos = System.nanoTime();
    }

    /** Turns the cache on (empty) or off (emptied). */
    void enable(boolean on) {
        confirm();
        invalidateAll();
        enabled = on;
        invalidateAll();
    }

    public boolean isEnabled() {
        return enabled;
    }

    int size() {
        return byHash.size();
    }
}
