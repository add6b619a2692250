package dev.artifacta.server.processing.axon;

import dev.artifacta.server.processing.rebuild.ColdStarts;
import dev.artifacta.server.processing.rebuild.ViewRebuilds;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import jakarta.inject.Singleton;
import org.axonframework.config.Configuration;

/**
 * Stops Axon (the rebuilds' copy processors first, then the live processors, the event store's
 * readers and the buses) when the application context begins to stop, before any bean is
 * destroyed.
 *
 * <p>Micronaut destroys the connection pool through the factory that created it, which does not
 * wait for the beans that use the pool: stopped as a bean, Axon's processors went on polling a
 * closed pool for a moment and left their segment claims to the claim timeout, so the next process
 * on the database waited that long for the segments.
 */
@Singleton
final class AxonShutdown implements ApplicationEventListener<ShutdownEvent> {

    private final Configuration axon;
    private final ViewRebuilds rebuilds;
    private final ColdStarts coldStarts;

    AxonShutdown(Configuration axon, ViewRebuilds rebuilds, ColdStarts coldStarts) {
        this.axon = axon;
        this.rebuilds = rebuilds;
        this.coldStarts = coldStarts;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        // First what starts rebuilds, so that none begins (or releases a view) while stopping.
        coldStarts.stop();
        rebuilds.stop();
        axon.shutdown();
    }
}
