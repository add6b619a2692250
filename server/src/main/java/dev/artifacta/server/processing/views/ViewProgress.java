package dev.artifacta.server.processing.views;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;

/**
 * Tells the read-your-writes wait when a view's processor has moved on this node, so the wait
 * checks again as soon as there is something new to check rather than on a timer. Every view
 * processor reports each change of a segment's status, its position included; a waiter remembers
 * the count it saw before checking and sleeps only while that count stands.
 */
@Singleton
public final class ViewProgress {

    private final Map<String, Moves> moves = new ConcurrentHashMap<>();

    /** The listener a view processor reports its segments' changes to. */
    EventTrackerStatusChangeListener listener(String processor) {
        Moves processorMoves = moves(processor);
        return new EventTrackerStatusChangeListener() {
            @Override
            public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updated) {
                processorMoves.moved();
            }

            @Override
            public boolean validatePositions() {
                return true; // a new position is a change too: it is what the wait is for
            }
        };
    }

    /** How many times the processor has moved; pass it to {@link #awaitMove} after checking. */
    long count(String processor) {
        return moves(processor).count();
    }

    /**
     * Waits until the processor has moved past {@code seen} moves, or {@code maxMillis} have passed.
     *
     * @return false if the thread was interrupted
     */
    boolean awaitMove(String processor, long seen, long maxMillis) {
        return moves(processor).awaitPast(seen, maxMillis);
    }

    private Moves moves(String processor) {
        return moves.computeIfAbsent(processor, name -> new Moves());
    }

    private static final class Moves {

        private long count;

        synchronized void moved() {
            count++;
            notifyAll();
        }

        synchronized long count() {
            return count;
        }

        synchronized boolean awaitPast(long seen, long maxMillis) {
            long deadline = System.nanoTime() + maxMillis * 1_000_000;
            long remaining = maxMillis * 1_000_000;
            try {
                while (count == seen && remaining > 0) {
                    wait(Math.max(1, remaining / 1_000_000));
                    remaining = deadline - System.nanoTime();
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
