package dev.artifacta.server.processing.views;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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

    /**
     * One processor's moves. Lock-free: waiters park and a move unparks them, so a move that wakes
     * many waiters does not make them queue for a monitor (on 2 cores, their spinning for it cost
     * more than the waits saved).
     */
    private static final class Moves {

        private final AtomicLong count = new AtomicLong();
        private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();

        void moved() {
            count.incrementAndGet();
            for (Thread waiter : waiting) {
                LockSupport.unpark(waiter);
            }
        }

        long count() {
            return count.get();
        }

        boolean awaitPast(long seen, long maxMillis) {
            Thread self = Thread.currentThread();
            waiting.add(self);
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
                while (count.get() == seen) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(this, remaining);
                    if (Thread.interrupted()) {
                        self.interrupt();
                        return false;
                    }
                }
                return true;
            } finally {
                waiting.remove(self);
            }
        }
    }
}
