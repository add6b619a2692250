package dev.artifacta.server.processing.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The events the current thread appended, for read-your-writes: commands run on the thread that
 * sends them (Axon's simple command bus), so the wait after a command can follow exactly these
 * events rather than a position, which a transaction that committed later with an earlier position
 * would slip under. Each event is recorded by id when it is published, and by its global position
 * once the transaction that inserted it has committed (the insert returns the positions, see
 * {@link TenantOrderedEventStorageEngine}). Kept per thread, bounded, and emptied by every wait.
 */
public final class AppendedEvents {

    private static final int MAX_KEPT = 256;
    private static final ThreadLocal<List<String>> IDS = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<List<Long>> POSITIONS = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<Set<Class<?>>> TYPES = ThreadLocal.withInitial(HashSet::new);

    /**
     * What a thread appended since its last wait: the ids of the events it published, the
     * positions of those that committed, and the payload types of them all. An event published in a
     * unit of work that rolled back has an id and no position; so has one whose insert could not
     * tell its position.
     */
    public record Appended(List<String> ids, List<Long> positions, Set<Class<?>> payloadTypes) {

        /** Whether every published event has its position here, so none needs looking up. */
        public boolean positioned() {
            return positions.size() == ids.size();
        }
    }

    private AppendedEvents() {}

    /** The interceptor the event store runs on every publication (before the commit). */
    public static MessageDispatchInterceptor<EventMessage<?>> recorder() {
        return messages -> {
            List<String> ids = IDS.get();
            Set<Class<?>> types = TYPES.get();
            for (EventMessage<?> message : messages) {
                if (ids.size() < MAX_KEPT) {
                    ids.add(message.getIdentifier());
                }
                types.add(message.getPayloadType());
            }
            return (index, message) -> message;
        };
    }

    /** The positions an insert of this thread got, kept once its unit of work has committed. */
    static void inserted(List<Long> positions) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> keep(positions));
        } else {
            keep(positions);
        }
    }

    private static void keep(List<Long> inserted) {
        List<Long> positions = POSITIONS.get();
        for (Long position : inserted) {
            if (positions.size() < MAX_KEPT) {
                positions.add(position);
            }
        }
    }

    /** What this thread appended since the last call, and forgets it. */
    public static Appended drain() {
        List<String> ids = IDS.get();
        List<Long> positions = POSITIONS.get();
        Set<Class<?>> types = TYPES.get();
        if (ids.isEmpty() && positions.isEmpty() && types.isEmpty()) {
            return new Appended(List.of(), List.of(), Set.of());
        }
        var drained = new Appended(List.copyOf(ids), List.copyOf(positions), Set.copyOf(types));
        ids.clear();
        positions.clear();
        types.clear();
        return drained;
    }
}
