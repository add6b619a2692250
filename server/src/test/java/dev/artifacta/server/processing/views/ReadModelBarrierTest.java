package dev.artifacta.server.processing.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

/** The barrier's rule for a request's own events: past them, and none of them a gap. */
class ReadModelBarrierTest {

    @Test
    void givenAViewPastTheHeadWithTheRequestsOwnEventStillAGap_thenItHasNotProcessedIt() {
        // Event 100 took its position before 101 but committed after it: the view read 101 first.
        var token = GapAwareTrackingToken.newInstance(101, new TreeSet<>(Set.of(100L)));

        assertThat(ReadModelBarrier.processed(token, Set.of(100L))).isFalse();
        assertThat(ReadModelBarrier.processed(token, Set.of(101L))).isTrue();
    }

    @Test
    void givenAViewBehindTheRequestsEvent_thenItHasNotProcessedIt_andOnceFilledItHas() {
        assertThat(ReadModelBarrier.processed(GapAwareTrackingToken.newInstance(99, Set.of()), Set.of(100L)))
                .isFalse();
        assertThat(ReadModelBarrier.processed(GapAwareTrackingToken.newInstance(101, Set.of()), Set.of(100L)))
                .isTrue();
    }

    @Test
    void givenAPermanentGapThatIsNotTheRequests_thenItDoesNotHoldTheRequest() {
        // A rolled-back append leaves a hole for ever; only the request's own positions matter.
        var token = GapAwareTrackingToken.newInstance(200, new TreeSet<>(Set.of(150L)));

        assertThat(ReadModelBarrier.processed(token, Set.of(199L, 200L))).isTrue();
    }

    @Test
    void givenAReplayingView_thenItsLowerBoundDecides() {
        var replay = ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(300, Set.of()), GapAwareTrackingToken.newInstance(120, Set.of()));

        assertThat(ReadModelBarrier.processed(replay, Set.of(200L))).isFalse();
        assertThat(ReadModelBarrier.processed(replay, Set.of(100L))).isTrue();
    }

    @Test
    void givenNoEventsOfItsOwn_thenNothingIsWaitedFor() {
        assertThat(ReadModelBarrier.processed(GapAwareTrackingToken.newInstance(1, Set.of()), Set.of()))
                .isTrue();
    }
}
