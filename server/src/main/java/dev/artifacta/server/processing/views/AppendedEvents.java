package dev.artifacta.server.processing.views;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * The events the current thread appended, by id, for read-your-writes: commands run on the thread
 * that sends them (Axon's simple command bus), so {@link ReadModelBarrier} can wait for exactly
 * these events rather than for a position, which a transaction that committed later with an
 * earlier position would slip under. Kept per thread, bounded, and emptied by every wait.
 */
public final class AppendedEvents {

    private static final int MAX_KEPT = 256;
    private static final ThreadLocal<List<String>> IDS = ThreadLocal.withInitial(ArrayList::new);

    private AppendedEvents() {}

    /** The interceptor the event store runs on every publication (before the commit). */
    public static MessageDispatchInterceptor<EventMessage<?>> recorder() {
        return messages -> {
            List<String> ids = IDS.get();
            for (EventMessage<?> message : messages) {
                if (ids.size() < MAX_KEPT) {
                    ids.add(message.getIdentifier());
                }
            }
            return (index, message) -> message;
        };
    }

    /** The ids recorded on this thread since the last call, and forgets them. */
    static List<String> drain() {
        List<String> ids = IDS.get();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> drained = List.copyOf(ids);
        ids.clear();
        return drained;
    }
}
