package dev.artifacta.server.usage;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts requests per tenant and month and remembers each key's last use, without an event per
 * request: counts gather in memory and are added to the database every flush interval (and at
 * shutdown). Each node adds only its own increments, so the stored totals are exact across nodes;
 * what one node sees of the others lags by at most one flush interval.
 */
@Singleton
public class UsageCounters {

    private static final Logger LOG = LoggerFactory.getLogger(UsageCounters.class);

    private record Period(String tenantId, String month) {}

    private final UsageRepository repository;
    private final Map<Period, LongAdder> pending = new ConcurrentHashMap<>();
    private final Map<Period, Long> stored = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final Map<String, String> tenantOfKey = new ConcurrentHashMap<>();

    /**
     * @param dataSource not used directly: depending on it makes the context create the pool before
     *     these counters and close it after them, so the last flush on shutdown still has a pool
     *     (otherwise it opened a new one, and ran the migrations again, to write the counters)
     */
    public UsageCounters(UsageRepository repository, javax.sql.DataSource dataSource) {
        this.repository = repository;
    }

    public static String monthOf(Instant now) {
        return YearMonth.from(now.atOffset(ZoneOffset.UTC)).toString();
    }

    public void recordRequest(String tenantId, String keyId, Instant now) {
        pending.computeIfAbsent(new Period(tenantId, monthOf(now)), p -> new LongAdder())
                .increment();
        if (keyId == null) {
            return; // a request without a key (an OAuth token) counts for the tenant only
        }
        lastUsed.merge(keyId, now, (a, b) -> a.isAfter(b) ? a : b);
        tenantOfKey.putIfAbsent(keyId, tenantId);
    }

    /** Requests of the tenant in the month of {@code now}, this node's unflushed ones included. */
    public long requestsInMonth(String tenantId, Instant now) {
        var period = new Period(tenantId, monthOf(now));
        long persisted = stored.computeIfAbsent(
                period, p -> repository.findRequests(p.tenantId(), p.month()).orElse(0L));
        LongAdder unflushed = pending.get(period);
        return persisted + (unflushed == null ? 0 : unflushed.sum());
    }

    /** Whether {@link #requestsInMonth} answers from memory for the tenant and the month of {@code now}. */
    public boolean isCounted(String tenantId, Instant now) {
        return stored.containsKey(new Period(tenantId, monthOf(now)));
    }

    /** When the key was last used, this node's unflushed use included. */
    public Optional<Instant> lastUsed(String keyId) {
        Instant local = lastUsed.get(keyId);
        Optional<Instant> persisted = repository.findByKeyId(keyId).map(UsageRepository.LastUsed::lastUsedAt);
        return latest(Optional.ofNullable(local), persisted);
    }

    /** Last use of every key of a tenant that was ever used. */
    public Map<String, Instant> lastUsedByKey(String tenantId) {
        var result = new HashMap<String, Instant>();
        repository.findByTenantId(tenantId).forEach(row -> result.put(row.keyId(), row.lastUsedAt()));
        lastUsed.forEach((keyId, at) -> {
            if (tenantId.equals(tenantOfKey.get(keyId))) {
                result.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
            }
        });
        return result;
    }

    @Scheduled(
            fixedDelay = "${artifacta.usage.flush-interval:2s}",
            initialDelay = "${artifacta.usage.flush-interval:2s}")
    @PreDestroy
    public synchronized void flush() {
        try {
            flushRequests();
            flushLastUsed();
        } catch (RuntimeException e) {
            // Counts stay in memory and go out with the next flush.
            LOG.warn("Could not flush usage counters: {}", e.toString());
        }
    }

    private void flushRequests() {
        for (var entry : pending.entrySet()) {
            Period period = entry.getKey();
            long delta = entry.getValue().sumThenReset();
            if (delta > 0) {
                try {
                    add(period, delta);
                } catch (RuntimeException e) {
                    entry.getValue().add(delta);
                    throw e;
                }
            }
            stored.put(
                    period,
                    repository.findRequests(period.tenantId(), period.month()).orElse(0L));
        }
        String thisMonth = monthOf(Instant.now());
        pending.keySet().removeIf(p -> p.month().compareTo(thisMonth) < 0);
        stored.keySet().removeIf(p -> p.month().compareTo(thisMonth) < 0);
    }

    private void add(Period period, long delta) {
        if (repository.addRequests(period.tenantId(), period.month(), delta) == 0) {
            try {
                repository.insertRequests(period.tenantId(), period.month(), delta);
            } catch (RuntimeException raced) {
                // Another node inserted the row first.
                repository.addRequests(period.tenantId(), period.month(), delta);
            }
        }
    }

    private void flushLastUsed() {
        for (String keyId : lastUsed.keySet()) {
            Instant at = lastUsed.remove(keyId);
            String tenantId = tenantOfKey.get(keyId);
            if (at == null || tenantId == null) {
                continue;
            }
            if (repository.touch(keyId, at) == 0) {
                try {
                    repository.insertLastUsed(keyId, tenantId, at);
                } catch (RuntimeException raced) {
                    repository.touch(keyId, at);
                }
            }
        }
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }
}
