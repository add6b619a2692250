package dev.artifacta.server.processing.views;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view processors' token store, which writes less often the tokens of events a segment
 * only passed over.
 *
 * <p>Axon's tracking processor stores a segment's token in a transaction of its own after every
 * read in which none of the events were the segment's (it handles a few of the event types, and
 * each event goes to one segment of the view): with nine views of two segments, an append cost
 * fifteen such transactions besides the three that wrote rows. Here a token of passed-over events
 * is written at most once per {@code interval} per segment; one that comes sooner is kept and
 * written with the segment's next claim extension (Axon extends an idle segment's claim every
 * second), before its claim is released, or replaced by the next token written. A token written
 * with a batch the segment applied (inside its unit of work) is written at once, as are tokens
 * other than a plain gap-aware one (replays, merges).
 *
 * <p>Losing a kept token (the node dies) costs nothing but reading those events again: the stored
 * token is behind only by events the segment does not handle. Other nodes read the stored tokens
 * (read-your-writes, the projection monitor), so tokens are kept only for a processor whose
 * segments this node holds all of ({@code holdsAll}): with segments shared between nodes, every
 * token is written at once, as Axon does.
 */
final class SkippedTokenStore implements TokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(SkippedTokenStore.class);

    private record Key(String processor, int segment) {}

    /** A segment's last write and the token kept since, if any. */
    private static final class State {
        volatile long writtenAt;
        volatile @Nullable TrackingToken kept;
    }

    private final TokenStore delegate;
    private final Predicate<String> holdsAll;
    private final long intervalNanos;
    private final Map<Key, State> segments = new ConcurrentHashMap<>();

    SkippedTokenStore(TokenStore delegate, Predicate<String> holdsAll, Duration interval) {
        this.delegate = delegate;
        this.holdsAll = holdsAll;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void storeToken(@Nullable TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        State state = segments.computeIfAbsent(new Key(processorName, segment), k -> new State());
        long now = System.nanoTime();
        boolean passedOver = !CurrentUnitOfWork.isStarted()
                && token instanceof GapAwareTrackingToken
                && state.writtenAt != 0
                && now - state.writtenAt < intervalNanos
                && holdsAll.test(processorName);
        if (passedOver) {
            state.kept = token;
            return;
        }
        delegate.storeToken(token, processorName, segment);
        state.kept = null;
        state.writtenAt = now;
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        State state = segments.get(new Key(processorName, segment));
        TrackingToken kept = state == null ? null : state.kept;
        if (kept == null) {
            delegate.extendClaim(processorName, segment);
            return;
        }
        // Writing the token extends the claim too.
        delegate.storeToken(kept, processorName, segment);
        state.kept = null;
        state.writtenAt = System.nanoTime();
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        State state = segments.remove(new Key(processorName, segment));
        if (state != null && state.kept != null) {
            try {
                delegate.storeToken(state.kept, processorName, segment);
            } catch (RuntimeException e) {
                // Only progress over events the segment does not handle is lost: they are read again.
                LOG.debug(
                        "Could not write the kept token of {} segment {} before releasing it",
                        processorName,
                        segment,
                        e);
            }
        }
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        // Claiming starts from the stored token; whatever was kept for the segment is read again.
        forget(processorName, segment);
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        forget(processorName, segment.getSegmentId());
        return delegate.fetchToken(processorName, segment);
    }

    private void forget(String processorName, int segment) {
        State state = segments.get(new Key(processorName, segment));
        if (state != null) {
            state.kept = null;
        }
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, @Nullable TrackingToken initialToken)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(@Nullable TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        segments.remove(new Key(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
