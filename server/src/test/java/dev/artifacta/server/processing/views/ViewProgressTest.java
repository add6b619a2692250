package dev.artifacta.server.processing.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.junit.jupiter.api.Test;

class ViewProgressTest {

    private final ViewProgress progress = new ViewProgress();

    @Test
    void givenAWaiter_whenItsProcessorReportsAMove_thenItWakesLongBeforeItsBound() throws Exception {
        EventTrackerStatusChangeListener listener = progress.listener("audit-log");
        long seen = progress.count("audit-log");
        long start = System.nanoTime();
        CompletableFuture<Boolean> waiter =
                CompletableFuture.supplyAsync(() -> progress.awaitMove("audit-log", seen, 60_000));

        Thread.sleep(50);
        listener.onEventTrackerStatusChange(Map.of());

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
        assertThat(progress.count("audit-log")).isEqualTo(seen + 1);
    }

    @Test
    void givenAMoveBeforeTheWait_thenTheWaitReturnsAtOnce() {
        EventTrackerStatusChangeListener listener = progress.listener("key-list");
        long seen = progress.count("key-list");

        listener.onEventTrackerStatusChange(Map.of());

        long start = System.nanoTime();
        assertThat(progress.awaitMove("key-list", seen, 60_000)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    }

    @Test
    void givenAnotherProcessorsMove_thenTheWaitRunsToItsBound() {
        EventTrackerStatusChangeListener other = progress.listener("key-list");
        long seen = progress.count("audit-log");

        other.onEventTrackerStatusChange(Map.of());

        long start = System.nanoTime();
        assertThat(progress.awaitMove("audit-log", seen, 50)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(45);
    }

    @Test
    void listenersAskForPositionChanges() {
        assertThat(progress.listener("audit-log").validatePositions()).isTrue();
    }
}
