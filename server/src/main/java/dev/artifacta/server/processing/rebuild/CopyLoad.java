package dev.artifacta.server.processing.rebuild;

import dev.artifacta.query.infrastructure.BatchWrites;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

/**
 * The first pass of a rebuild: the stream read once, from the first event to the head, and applied
 * to one or more views' copies by one worker per view and segment.
 *
 * <p>A tracking processor with several segments has every segment read and deserialize the whole
 * stream to find its own events. Here one reader does that for every view being loaded (an event's
 * payload and metadata are deserialized once, by whichever view reads them first), hands each event
 * to its segment's worker of every view that handles it (in stream order, so a tenant's chain is
 * extended in order) in batches, and each worker applies a batch in one unit of work and one
 * transaction through the live processor's own handlers, as the processor would. The reader goes
 * no faster than the slowest view's workers take their batches. The tokens are written once, at
 * the end: the token of the last event read, for every segment, from which the copy's tracking
 * processor goes on. A failure anywhere fails the whole load (the rebuild then drops the copies),
 * so no token is needed before the end.
 */
final class CopyLoad {

    /** A view's copy to fill: its name (for the workers' threads), the live processor's handlers, the copy's transactions. */
    record Target(String name, EventHandlerInvoker handlers, TransactionManager transactions) {}

    /** What one load read and how long its parts waited on each other. */
    record Outcome(@Nullable TrackingToken token, long events, Duration readerWaited, Duration workersWaited) {}

    private static final Duration OFFER_WAIT = Duration.ofMillis(100);
    private static final int QUEUED_BATCHES = 2;
    private static final int REPORT_EVERY = 10_000;

    private final EventStorageEngine storage;
    private final List<Target> targets;
    private final int batchSize;
    private final Semaphore applying;
    private final List<Segment> segments;

    /**
     * A load of {@code targets} with {@code segmentCount} workers each, handing them batches of
     * {@code batchSize} events, of which at most {@code transactions} are applied at a time (each
     * holds a connection of the pool while it is).
     */
    CopyLoad(EventStorageEngine storage, List<Target> targets, int segmentCount, int batchSize, int transactions) {
        this.storage = storage;
        this.targets = List.copyOf(targets);
        this.applying = new Semaphore(transactions);
        this.batchSize = batchSize;
        // The segments a token store initializes for that many (ids 0 to n - 1).
        this.segments =
                List.of(Segment.computeSegments(IntStream.range(0, segmentCount).toArray()));
    }

    /**
     * Reads the stream from the first event to its end and applies every event to the copies; reports
     * the position every segment of each target has applied (in the order of the targets) every
     * {@value #REPORT_EVERY} events.
     *
     * @return the token of the last event read ({@code null} for an empty store)
     * @throws Exception what a handler or a transaction threw (the first of them)
     */
    Outcome run(Consumer<long[]> progress) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int width = segments.size();
        Worker[][] workers = new Worker[targets.size()][width];
        for (int t = 0; t < targets.size(); t++) {
            for (int i = 0; i < width; i++) {
                workers[t][i] = new Worker(targets.get(t), segments.get(i), applying, failure);
                workers[t][i].thread.start();
            }
        }
        TrackingToken last = null;
        long events = 0;
        long readerWaited = 0;
        try {
            @SuppressWarnings("unchecked")
            List<TrackedEventMessage<?>>[][] pending = new List[targets.size()][width];
            for (List<TrackedEventMessage<?>>[] ofTarget : pending) {
                for (int i = 0; i < width; i++) {
                    ofTarget[i] = new ArrayList<>(batchSize);
                }
            }
            try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(null, false)) {
                for (Iterator<? extends TrackedEventMessage<?>> it = stream.iterator(); it.hasNext(); ) {
                    TrackedEventMessage<?> event = it.next();
                    last = event.trackingToken();
                    long position = last.position().orElse(0);
                    events++;
                    for (int t = 0; t < pending.length; t++) {
                        EventHandlerInvoker handlers = targets.get(t).handlers();
                        for (int i = 0; i < width; i++) {
                            if (handlers.canHandle(event, segments.get(i))) {
                                pending[t][i].add(event);
                                if (pending[t][i].size() >= batchSize) {
                                    readerWaited += workers[t][i].hand(pending[t][i], position);
                                    pending[t][i] = new ArrayList<>(batchSize);
                                }
                                break;
                            }
                        }
                    }
                    if (events % REPORT_EVERY == 0) {
                        rethrow(failure.get());
                        progress.accept(applied(workers, position));
                    }
                }
            }
            long end = last == null ? 0 : last.position().orElse(0);
            for (int t = 0; t < pending.length; t++) {
                for (int i = 0; i < width; i++) {
                    if (!pending[t][i].isEmpty()) {
                        readerWaited += workers[t][i].hand(pending[t][i], end);
                    }
                }
            }
            for (Worker[] ofTarget : workers) {
                for (Worker worker : ofTarget) {
                    worker.hand(List.of(), end);
                }
            }
            for (Worker[] ofTarget : workers) {
                for (Worker worker : ofTarget) {
                    worker.thread.join();
                }
            }
            rethrow(failure.get());
        } finally {
            for (Worker[] ofTarget : workers) {
                for (Worker worker : ofTarget) {
                    worker.thread.interrupt();
                }
            }
            for (Worker[] ofTarget : workers) {
                for (Worker worker : ofTarget) {
                    worker.thread.join();
                }
            }
        }
        long workersWaited = 0;
        for (Worker[] ofTarget : workers) {
            for (Worker worker : ofTarget) {
                workersWaited += worker.waited;
            }
        }
        return new Outcome(last, events, Duration.ofNanos(readerWaited), Duration.ofNanos(workersWaited));
    }

    /** For each target, the position up to which all its workers have applied what they were handed. */
    private static long[] applied(Worker[][] workers, long readerPosition) {
        long[] applied = new long[workers.length];
        for (int t = 0; t < workers.length; t++) {
            applied[t] = readerPosition;
            for (Worker worker : workers[t]) {
                if (worker.queued() > 0) {
                    applied[t] = Math.min(applied[t], worker.appliedThrough);
                }
            }
        }
        return applied;
    }

    /**
     * Applies {@code events} through {@code handlers} in one batching unit of work marked as a load's
     * ({@link BatchWrites#LOAD}), as a processor applies a batch, each event to its segment, in a
     * transaction of {@code transactions} (or in the caller's, when {@code null}); throws what a
     * handler or the transaction threw.
     */
    static void applyBatch(
            EventHandlerInvoker handlers,
            List<? extends EventMessage<?>> events,
            Function<EventMessage<?>, Segment> segmentOf,
            @Nullable TransactionManager transactions)
            throws Exception {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(events));
        unitOfWork.resources().put(BatchWrites.LOAD, Boolean.TRUE);
        if (transactions != null) {
            unitOfWork.attachTransaction(transactions);
        }
        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> {
                    EventMessage<?> event = unitOfWork.getMessage();
                    handlers.handle(event, segmentOf.apply(event));
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            rethrow(result.exceptionResult());
        }
    }

    private static void rethrow(@Nullable Throwable failure) throws Exception {
        if (failure == null) {
            return;
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }

    /** A batch of one segment's events, and the stream position it was handed at; no events: the end. */
    private record Batch(List<TrackedEventMessage<?>> events, long position) {}

    /** Applies one segment's batches of a target in the order it is handed them, each in its own transaction. */
    private static final class Worker {
        private final Target target;
        private final Segment segment;
        private final Semaphore applying;
        private final AtomicReference<Throwable> failure;
        private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private final Thread thread;
        private volatile long appliedThrough;
        private volatile long handed;
        private volatile long done;
        private long waited;

        Worker(Target target, Segment segment, Semaphore applying, AtomicReference<Throwable> failure) {
            this.target = target;
            this.segment = segment;
            this.applying = applying;
            this.failure = failure;
            this.thread = new Thread(this::work, "view-rebuild-load-" + target.name() + "-" + segment.getSegmentId());
            this.thread.setDaemon(true);
        }

        long queued() {
            return handed - done;
        }

        /** Hands the worker a batch, waiting while its queue is full; returns the nanoseconds waited. */
        long hand(List<TrackedEventMessage<?>> events, long position) throws Exception {
            long start = System.nanoTime();
            Batch batch = new Batch(events, position);
            handed++;
            while (!queue.offer(batch, OFFER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                rethrow(failure.get());
                if (!thread.isAlive()) {
                    throw new IllegalStateException(
                            "The copy's worker for segment " + segment.getSegmentId() + " stopped");
                }
            }
            return System.nanoTime() - start;
        }

        private void work() {
            try {
                while (true) {
                    long start = System.nanoTime();
                    Batch batch = queue.take();
                    waited += System.nanoTime() - start;
                    if (batch.events().isEmpty()) {
                        return;
                    }
                    applying.acquire();
                    try {
                        applyBatch(target.handlers(), batch.events(), event -> segment, target.transactions());
                    } finally {
                        applying.release();
                    }
                    appliedThrough = batch.position();
                    done++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }
    }
}
