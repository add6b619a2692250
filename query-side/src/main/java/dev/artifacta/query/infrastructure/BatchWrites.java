package dev.artifacta.query.infrastructure;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes of a projection gathered over one processor batch and flushed once, just before the
 * batch's transaction commits.
 *
 * <p>A tracking processor handles a batch of events in one unit of work and one transaction, and
 * stores its token in that same transaction. Holding the batch's rows in the unit of work (never in
 * the projection, which several segment threads and processors share) and writing them in
 * {@code onPrepareCommit} turns a round trip per event into a few per batch, with the same
 * guarantees: the rows commit with the token or not at all, and a failing handler rolls the whole
 * batch back, rows included, so the processor retries it from its stored token.
 */
public final class BatchWrites {

    /** What a projection keeps for one batch: it writes everything it gathered in {@link #flush()}. */
    public interface Batch {
        void flush();
    }

    /**
     * The resource a rebuild's load puts in the unit of work of each batch it applies to an empty
     * copy of a view: every event of the stream comes exactly once, in order, and none was applied
     * before (a failure fails the whole load, which starts again from an empty copy).
     */
    public static final String LOAD = BatchWrites.class.getName() + ".load";

    private BatchWrites() {}

    /**
     * Whether the current batch is part of a rebuild's load ({@link #LOAD}): nothing of the batch is
     * in the view yet, so a projection need not look for it.
     */
    public static boolean isLoad() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root().resources().containsKey(LOAD);
    }

    /**
     * Hands {@code handler} the current batch of {@code key}, opening it on the batch's first event
     * with every event of the batch (so that it can read what it needs in one query). Outside a unit
     * of work the event is a batch of its own, flushed at once.
     */
    public static <B extends Batch> void handle(
            String key,
            EventMessage<?> event,
            Function<List<? extends EventMessage<?>>, B> open,
            Consumer<? super B> handler) {
        if (!CurrentUnitOfWork.isStarted()) {
            B batch = open.apply(List.of(event));
            handler.accept(batch);
            batch.flush();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        B batch = root.getOrComputeResource(key, k -> {
            B opened = open.apply(eventsOf(root, event));
            root.onPrepareCommit(unitOfWork -> opened.flush());
            return opened;
        });
        handler.accept(batch);
    }

    private static List<? extends EventMessage<?>> eventsOf(UnitOfWork<?> unitOfWork, EventMessage<?> event) {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            List<? extends Message<?>> messages = batching.getMessages();
            return messages.stream()
                    .filter(EventMessage.class::isInstance)
                    .map(message -> (EventMessage<?>) message)
                    .toList();
        }
        return List.of(event);
    }
}
