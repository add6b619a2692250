package dev.artifacta.server.processing.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Settings of the streaming processors under {@code artifacta.processors}. */
@ConfigurationProperties("artifacta.processors")
public class ProcessorSettings {

    /**
     * Segments (a thread each) of a view processor that has no tokens yet: the unit of work that
     * nodes share, so several nodes want at least one each. One node reads and writes a view
     * cheapest with one: every segment wakes for every event, and every segment with events of its
     * own commits a transaction of its own. A view that has tokens keeps the segments it has.
     */
    @Min(1)
    private int segments = 1;

    /**
     * Events per transaction when a processor catches up or replays. The views write once per
     * batch, so this sets how many round trips a replay costs; a processor never waits for a batch
     * to fill (it takes what is there), so live processing does not pay for a large one.
     */
    @Min(1)
    private int batchSize = 100;

    /**
     * Rows the event store reads per query when a processor reads the stream: a replay of a million
     * events costs a thousand queries, not ten thousand; a processor at the head reads what is there.
     */
    @Min(1)
    private int fetchSize = 1000;

    /**
     * Segments of a rebuild's copy: workers of its first pass (one reader hands each its segment's
     * events) and segments of the tracking processor that goes on from there. On two cores two
     * rebuilt the audit view faster than one (one waits on the database while the other computes).
     * The copy's token is handed to every live segment when it switches, whatever the two numbers.
     */
    @Min(1)
    private int rebuildSegments = 2;

    /**
     * A view with no token rows (a new database restored without them, tokens deleted to replay
     * it) starts by a rebuild into a copy when the store holds at least this many events, rather
     * than by its processor replaying from the first event: the copy reads the stream once and
     * builds its indexes at the end, several times faster than a replay into the indexed view.
     * {@code 0} always replays.
     */
    @Min(0)
    private long coldStartCopyFrom = 10_000;

    /**
     * How often at most a live view processor's segment writes the token of events it only passed
     * over (none of them its own), while this node holds all of the view's segments; the last such
     * token is written with the segment's next claim extension (each second when idle). Each write
     * is a transaction: writing each at once cost an append one per view that only passed over it.
     */
    private Duration skippedTokenInterval = Duration.ofMillis(200);

    /** Events per transaction of a rebuild's copy processor (one JDBC batch per statement kind each). */
    @Min(1)
    private int rebuildBatchSize = 1000;

    /**
     * Database sessions that build a copy's deferred indexes side by side, once it has caught up.
     * On two cores the audit view's eleven indexes over 1M rows took 11.0 s from two sessions against
     * 13.6 s from one (where PostgreSQL's own parallel workers build each index), measured with psql.
     */
    @Min(1)
    private int rebuildIndexBuilds = 2;

    /**
     * How far behind the newest event a hole in the global index is still awaited as a transaction
     * that may yet commit (Axon's default); holes further behind are given up.
     */
    @Min(1)
    private int maxGapOffset = 10_000;

    /** How long after the events around it a hole in the global index is given up (Axon's default). */
    private Duration gapTimeout = Duration.ofMinutes(1);

    /** Holes a token collects before the store checks which have timed out (Axon's default). */
    @Min(1)
    private int gapCleaningThreshold = 250;

    /** How long a segment claim of a silent node lasts before another node may take it. */
    private Duration claimTimeout = Duration.ofSeconds(10);

    /**
     * How often a processor looks for segments it may claim (free, released by another node, or
     * lapsed): what a take-over or a rebalance waits for after a claim is free.
     */
    private Duration tokenClaimInterval = Duration.ofSeconds(5);

    /**
     * How often the event store reads new events when it has not been told of a local commit:
     * how soon a node applies events that another node appended.
     */
    private Duration eventPollInterval = Duration.ofMillis(100);

    /** Whether nodes hand segments to each other so that each holds its fair share. */
    private boolean balance = true;

    /** How often a node announces itself and checks whether it holds more than its share of segments. */
    private Duration balanceInterval = Duration.ofSeconds(2);

    /** How long a write waits for the views to show it before answering anyway. */
    private Duration readYourWritesTimeout = Duration.ofSeconds(5);

    /**
     * The longest a view's processor waits before it tries again while the database cannot be
     * reached (Axon's own back-off doubles up to 60 s, and stays for every other error): once the
     * database is back, the views resume within this.
     */
    private Duration outageRetryInterval = Duration.ofSeconds(2);

    /**
     * How long a rebuild's switch-over waits for the locks on the live view (readers and the live
     * processors hold them briefly); it retries twice, then fails and leaves the live view as it was.
     */
    private Duration rebuildLockTimeout = Duration.ofSeconds(30);

    public int getSegments() {
        return segments;
    }

    public void setSegments(int segments) {
        this.segments = segments;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getRebuildSegments() {
        return rebuildSegments;
    }

    public void setRebuildSegments(int rebuildSegments) {
        this.rebuildSegments = rebuildSegments;
    }

    public long getColdStartCopyFrom() {
        return coldStartCopyFrom;
    }

    public void setColdStartCopyFrom(long coldStartCopyFrom) {
        this.coldStartCopyFrom = coldStartCopyFrom;
    }

    public Duration getSkippedTokenInterval() {
        return skippedTokenInterval;
    }

    public void setSkippedTokenInterval(Duration skippedTokenInterval) {
        this.skippedTokenInterval = skippedTokenInterval;
    }

    public int getRebuildIndexBuilds() {
        return rebuildIndexBuilds;
    }

    public void setRebuildIndexBuilds(int rebuildIndexBuilds) {
        this.rebuildIndexBuilds = rebuildIndexBuilds;
    }

    public int getRebuildBatchSize() {
        return rebuildBatchSize;
    }

    public void setRebuildBatchSize(int rebuildBatchSize) {
        this.rebuildBatchSize = rebuildBatchSize;
    }

    public int getFetchSize() {
        return fetchSize;
    }

    public void setFetchSize(int fetchSize) {
        this.fetchSize = fetchSize;
    }

    public int getMaxGapOffset() {
        return maxGapOffset;
    }

    public void setMaxGapOffset(int maxGapOffset) {
        this.maxGapOffset = maxGapOffset;
    }

    public Duration getGapTimeout() {
        return gapTimeout;
    }

    public void setGapTimeout(Duration gapTimeout) {
        this.gapTimeout = gapTimeout;
    }

    public int getGapCleaningThreshold() {
        return gapCleaningThreshold;
    }

    public void setGapCleaningThreshold(int gapCleaningThreshold) {
        this.gapCleaningThreshold = gapCleaningThreshold;
    }

    public Duration getClaimTimeout() {
        return claimTimeout;
    }

    public void setClaimTimeout(Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
    }

    public Duration getOutageRetryInterval() {
        return outageRetryInterval;
    }

    public void setOutageRetryInterval(Duration outageRetryInterval) {
        this.outageRetryInterval = outageRetryInterval;
    }

    public Duration getReadYourWritesTimeout() {
        return readYourWritesTimeout;
    }

    public void setReadYourWritesTimeout(Duration readYourWritesTimeout) {
        this.readYourWritesTimeout = readYourWritesTimeout;
    }

    public Duration getRebuildLockTimeout() {
        return rebuildLockTimeout;
    }

    public void setRebuildLockTimeout(Duration rebuildLockTimeout) {
        this.rebuildLockTimeout = rebuildLockTimeout;
    }

    public Duration getTokenClaimInterval() {
        return tokenClaimInterval;
    }

    public void setTokenClaimInterval(Duration tokenClaimInterval) {
        this.tokenClaimInterval = tokenClaimInterval;
    }

    public Duration getEventPollInterval() {
        return eventPollInterval;
    }

    public void setEventPollInterval(Duration eventPollInterval) {
        this.eventPollInterval = eventPollInterval;
    }

    public boolean isBalance() {
        return balance;
    }

    public void setBalance(boolean balance) {
        this.balance = balance;
    }

    public Duration getBalanceInterval() {
        return balanceInterval;
    }

    public void setBalanceInterval(Duration balanceInterval) {
        this.balanceInterval = balanceInterval;
    }
}
