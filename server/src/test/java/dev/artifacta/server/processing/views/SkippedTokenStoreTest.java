package dev.artifacta.server.processing.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens of passed-over events are written at most once per interval, and never lost at a claim's end. */
class SkippedTokenStoreTest {

    private static final String VIEW = "audit-log";
    private static final Duration LONG = Duration.ofHours(1);

    private final List<TrackingToken> writes = new ArrayList<>();
    private final InMemoryTokenStore stored = new InMemoryTokenStore() {
        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            writes.add(token);
            super.storeToken(token, processorName, segment);
        }
    };
    private boolean holdsAll = true;
    private SkippedTokenStore store;

    @BeforeEach
    void givenASegmentClaimedOnThisNode() {
        store = new SkippedTokenStore(stored, processor -> holdsAll, LONG);
        store.initializeTokenSegments(VIEW, 2);
        store.fetchToken(VIEW, 0);
    }

    @Test
    void givenATokenJustWritten_whenPassedOverEventsFollow_thenTheyAreKeptNotWritten() {
        store.storeToken(at(1), VIEW, 0);

        store.storeToken(at(2), VIEW, 0);
        store.storeToken(at(3), VIEW, 0);

        assertThat(writes).containsExactly(at(1));
        assertThat(stored.fetchToken(VIEW, 0)).isEqualTo(at(1));
    }

    @Test
    void givenAKeptToken_whenTheClaimIsExtended_thenTheKeptTokenIsWritten() {
        store.storeToken(at(1), VIEW, 0);
        store.storeToken(at(2), VIEW, 0);

        store.extendClaim(VIEW, 0);

        assertThat(writes).containsExactly(at(1), at(2));
        assertThat(stored.fetchToken(VIEW, 0)).isEqualTo(at(2));
    }

    @Test
    void givenAKeptToken_whenTheClaimIsReleased_thenTheKeptTokenIsWrittenFirst() {
        store.storeToken(at(1), VIEW, 0);
        store.storeToken(at(5), VIEW, 0);

        store.releaseClaim(VIEW, 0);

        assertThat(writes).containsExactly(at(1), at(5));
        assertThat(stored.fetchToken(VIEW, 0)).isEqualTo(at(5));
    }

    @Test
    void givenAKeptToken_whenABatchIsAppliedInAUnitOfWork_thenItsTokenIsWrittenAtOnceAndReplacesTheKeptOne() {
        store.storeToken(at(1), VIEW, 0);
        store.storeToken(at(2), VIEW, 0);

        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"))
                .execute(() -> store.storeToken(at(3), VIEW, 0));
        store.extendClaim(VIEW, 0);

        assertThat(writes).containsExactly(at(1), at(3));
    }

    @Test
    void givenTheIntervalPassed_whenEventsArePassedOver_thenTheTokenIsWritten() {
        store = new SkippedTokenStore(stored, processor -> holdsAll, Duration.ZERO);
        store.storeToken(at(1), VIEW, 0);

        store.storeToken(at(2), VIEW, 0);

        assertThat(writes).containsExactly(at(1), at(2));
    }

    @Test
    void givenSegmentsSharedWithAnotherNode_whenEventsArePassedOver_thenEveryTokenIsWritten() {
        holdsAll = false;
        store.storeToken(at(1), VIEW, 0);

        store.storeToken(at(2), VIEW, 0);

        assertThat(writes).containsExactly(at(1), at(2));
    }

    @Test
    void givenAReplay_whenEventsArePassedOver_thenEveryTokenIsWritten() {
        store.storeToken(at(1), VIEW, 0);
        TrackingToken replaying = ReplayToken.createReplayToken(at(9), at(2));

        store.storeToken(replaying, VIEW, 0);

        assertThat(writes).containsExactly(at(1), replaying);
    }

    @Test
    void givenAKeptToken_whenTheSegmentIsClaimedAgain_thenItStartsFromTheStoredTokenAndTheKeptOneIsDropped() {
        store.storeToken(at(1), VIEW, 0);
        store.storeToken(at(2), VIEW, 0);

        TrackingToken claimed = store.fetchToken(VIEW, 0);
        store.extendClaim(VIEW, 0);

        assertThat(claimed).isEqualTo(at(1));
        assertThat(writes).containsExactly(at(1));
    }

    private static TrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }
}
