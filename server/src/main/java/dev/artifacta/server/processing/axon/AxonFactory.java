package dev.artifacta.server.processing.axon;

import dev.artifacta.events.AuditMetadata;
import dev.artifacta.server.processing.config.ProcessorSettings;
import dev.artifacta.server.processing.monitoring.ProcessorMetricRegistry;
import dev.artifacta.server.processing.store.AppendedEvents;
import dev.artifacta.server.processing.views.ViewProcessors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;

/**
 * Builds Axon (no Spring, no Axon Server) inside Micronaut from its parts: the event store
 * ({@code processing.store}), the command side ({@link CommandHandling}) and the views' processors
 * ({@link ViewProcessors}).
 */
@Factory
public class AxonFactory {

    /**
     * Axon, started eagerly (after Flyway, which runs when the data source is created) and stopped
     * by {@link AxonShutdown} before the data source closes.
     */
    @Context
    Configuration axonConfiguration(
            EventStorageEngine storageEngine,
            Serializer serializer,
            TransactionManager transactionManager,
            CommandHandling commandHandling,
            ViewProcessors viewProcessors,
            ProcessorSettings settings,
            MeterRegistry meterRegistry,
            Clock clock) {
        // Events take their timestamp from Axon's clock: make it the server's, so that the audit
        // trail's times agree with the times commands carry (and tests can move both).
        GenericEventMessage.clock = clock;
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactionManager)
                // The embedded store as configureEmbeddedEventStore builds it, with the idle poll
                // shortened: a local commit wakes it at once, another node's only at its next poll.
                .configureEventStore(c -> {
                    EmbeddedEventStore store = EmbeddedEventStore.builder()
                            .storageEngine(storageEngine)
                            .messageMonitor(c.messageMonitor(EventStore.class, "eventStore"))
                            .spanFactory(c.getComponent(EventBusSpanFactory.class))
                            .fetchDelay(settings.getEventPollInterval().toMillis())
                            .build();
                    c.onShutdown(store::shutDown);
                    store.registerDispatchInterceptor(AppendedEvents.recorder());
                    return store;
                })
                .configureCorrelationDataProviders(c -> List.of(
                        new MessageOriginProvider(),
                        new SimpleCorrelationDataProvider(AuditMetadata.KEYS.toArray(String[]::new))));
        commandHandling.configure(configurer);
        viewProcessors.configure(configurer.eventProcessing());
        new ProcessorMetricRegistry(meterRegistry).registerWithConfigurerWithDefaultTags(configurer);

        Configuration configuration = configurer.buildConfiguration();
        configuration.start();
        return configuration;
    }

    @Singleton
    CommandGateway commandGateway(Configuration configuration) {
        return configuration.commandGateway();
    }

    @Singleton
    EventStore eventStore(Configuration configuration) {
        return configuration.eventStore();
    }
}
