package dev.artifacta.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.auditexport.checkpoint.Checkpoint;
import dev.artifacta.auditexport.checkpoint.SigningKey;
import dev.artifacta.auditexport.export.CheckpointStore;
import dev.artifacta.auditexport.export.SigningKeys;
import dev.artifacta.events.ApiScope;
import dev.artifacta.query.apikeylist.ApiKeyListQueries.StatusFilter;
import dev.artifacta.query.auditlog.AuditChain;
import dev.artifacta.query.auditlog.AuditLogQueries;
import dev.artifacta.query.auditlog.AuditLogRow;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.apikeys.ApiKeyService;
import dev.artifacta.server.apikeys.ApiKeyViews.ApiKeyView;
import dev.artifacta.server.auth.Principals;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the console's audit page shows beside the search: the activity per day and per key over a
 * range of days, and the state of the tenant's hash chain. Both stay fast on a 10M-row audit log:
 *
 * <ul>
 *   <li>A tenant's entries are numbered 1, 2, 3… along its chain with no gap (retention removes the
 *       oldest only) and time never decreases along it, so the entries of a day are the sequences
 *       from the first entry at or after midnight to the first entry of the next day: the count per
 *       day is a difference of two probes of {@code ix_audit_log_time}, whatever the volume.
 *   <li>A key's count over the range is one range of {@code ix_audit_log_key_id} between the two
 *       sequences, read no further than {@link #KEY_CAP} entries.
 *   <li>The chain: the newest signed checkpoint's signature and the entry it names, and the newest
 *       {@link #RECOMPUTED} entries' hashes recomputed from their content (the whole chain is the
 *       offline verifier's work, on an export).
 * </ul>
 */
@Singleton
public class AuditActivity {

    /** The most days one chart shows. */
    public static final int MAX_DAYS = 31;

    /** The most entries counted for one key; the chart says "or more" beyond. */
    public static final int KEY_CAP = 10_000;

    /** The most keys one chart shows (the most recently created first). */
    public static final int MAX_KEYS = 20;

    /** How many of the newest entries the chain status recomputes. */
    public static final int RECOMPUTED = 500;

    private final AuditLogQueries queries;
    private final PlanAuditRetention retention;
    private final ApiKeyService keys;
    private final CheckpointStore checkpoints;
    private final SigningKeys signingKeys;
    private final AuditChain chain;
    private final Clock clock;

    public AuditActivity(
            AuditLogQueries queries,
            PlanAuditRetention retention,
            ApiKeyService keys,
            CheckpointStore checkpoints,
            SigningKeys signingKeys,
            AuditChain chain,
            Clock clock) {
        this.queries = queries;
        this.retention = retention;
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.signingKeys = signingKeys;
        this.chain = chain;
        this.clock = clock;
    }

    /** One bar: a label, its count, and whether the count stopped at the cap. */
    public record Bar(String label, String keyId, long count, boolean capped) {}

    /** The activity over days {@code [first, last]} (UTC): one bar per day, one per key that acted. */
    public record Chart(LocalDate first, LocalDate last, List<Bar> days, List<Bar> keys, long max) {}

    /**
     * The chart of the days from {@code from} to {@code to} (UTC dates, both included, at most
     * {@value #MAX_DAYS}; by default the last 14 days), within the plan's retention window.
     */
    public Chart chart(Principal principal, Optional<LocalDate> from, Optional<LocalDate> to) {
        Principal.Tenancy caller = Principals.tenancyOf(Principals.requireScope(principal, ApiScope.AUDIT_READ));
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate last = to.filter(day -> !day.isAfter(today)).orElse(today);
        LocalDate first = from.filter(day -> !day.isAfter(last)).orElse(last.minusDays(13));
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            first = last.minusDays(MAX_DAYS - 1);
        }
        Instant notBefore = retention.notBefore(caller.plan(), now);
        String tenant = caller.id();
        OptionalLong newest = queries.lastSequence(tenant);
        List<Bar> days = new ArrayList<>();
        if (newest.isEmpty()) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                days.add(new Bar(day.toString(), null, 0, false));
            }
            return new Chart(first, last, days, List.of(), 0);
        }
        long end = newest.getAsLong() + 1;
        // The first sequence of each day and of the day after the last: start[i + 1] - start[i] entries.
        List<Long> starts = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last.plusDays(1)); day = day.plusDays(1)) {
            Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant bound = midnight.isBefore(notBefore) ? notBefore : midnight;
            starts.add(queries.firstSequenceAtOrAfter(tenant, bound).orElse(end));
        }
        long max = 0;
        int i = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1), i++) {
            long count = Math.max(0, starts.get(i + 1) - starts.get(i));
            max = Math.max(max, count);
            days.add(new Bar(day.toString(), null, count, false));
        }
        long low = starts.getFirst();
        long high = starts.getLast() - 1;
        List<Bar> byKey = new ArrayList<>();
        if (high >= low) {
            for (ApiKeyView key :
                    keys.list(principal, StatusFilter.ALL, null, MAX_KEYS).items()) {
                long count = queries.countByKey(tenant, key.id(), low, high, KEY_CAP);
                if (count > 0) {
                    byKey.add(new Bar(key.name(), key.id(), count, count >= KEY_CAP));
                    max = Math.max(max, count);
                }
            }
            byKey.sort(Comparator.comparingLong(Bar::count).reversed());
        }
        return new Chart(first, last, days, byKey, max);
    }

    /** What the page says of the chain: verified or not, and the facts behind it. */
    public record ChainStatus(
            boolean verified,
            String summary,
            Long checkpointNumber,
            String checkpointIssuedAt,
            Long checkpointSequence,
            Long recomputedFrom,
            Long recomputedTo) {}

    /** The state of the caller's tenant's chain (see the class comment for what is checked). */
    public ChainStatus chainStatus(Principal principal) {
        Principal.Tenancy caller = Principals.tenancyOf(Principals.requireScope(principal, ApiScope.AUDIT_READ));
        String tenant = caller.id();
        Long number = null;
        String issuedAt = null;
        Long sequence = null;
        Optional<JsonNode> latest = checkpoints.latest(tenant);
        if (latest.isPresent()) {
            JsonNode checkpoint = latest.get();
            number = checkpoint.path("number").asLong();
            issuedAt = checkpoint.path("issuedAt").asText();
            sequence = checkpoint.path("head").path("sequence").asLong();
            SigningKey key = signingKeys.active();
            if (!key.keyId().equals(checkpoint.path("keyId").asText())
                    || !Checkpoint.verifies(checkpoint, key.publicKey())) {
                return new ChainStatus(
                        false,
                        "Checkpoint " + number + " does not verify with the server's signing key " + key.keyId() + ".",
                        number,
                        issuedAt,
                        sequence,
                        null,
                        null);
            }
            if (sequence > 0) {
                List<AuditLogRow> named = queries.range(tenant, sequence, sequence);
                if (!named.isEmpty()
                        && !named.getFirst()
                                .hash()
                                .equals(checkpoint.path("head").path("hash").asText())) {
                    return new ChainStatus(
                            false,
                            "Entry " + sequence + " no longer has the hash checkpoint " + number + " signed.",
                            number,
                            issuedAt,
                            sequence,
                            null,
                            null);
                }
            }
        }
        OptionalLong newest = queries.lastSequence(tenant);
        if (newest.isEmpty()) {
            return new ChainStatus(true, "No entries in the retention window.", number, issuedAt, sequence, null, null);
        }
        long high = newest.getAsLong();
        long low = Math.max(1, high - RECOMPUTED + 1);
        List<AuditLogRow> rows = queries.range(tenant, low, high);
        String previous = null;
        for (AuditLogRow row : rows) {
            if (previous != null && !row.previousHash().equals(previous)) {
                return new ChainStatus(
                        false,
                        "Entry " + row.sequence() + " does not chain from entry " + (row.sequence() - 1) + ".",
                        number,
                        issuedAt,
                        sequence,
                        low,
                        high);
            }
            if (!chain.hash(row.previousHash(), row).equals(row.hash())) {
                return new ChainStatus(
                        false,
                        "Entry " + row.sequence() + "'s hash does not match its content.",
                        number,
                        issuedAt,
                        sequence,
                        low,
                        high);
            }
            previous = row.hash();
        }
        long first = rows.isEmpty() ? low : rows.getFirst().sequence();
        return new ChainStatus(
                true, "Chain verified up to entry " + high + ".", number, issuedAt, sequence, first, high);
    }
}
