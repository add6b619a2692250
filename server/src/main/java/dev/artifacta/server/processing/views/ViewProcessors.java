package dev.artifacta.server.processing.views;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.query.infrastructure.StreamingView;
import dev.artifacta.server.processing.config.ProcessorSettings;
import dev.artifacta.server.processing.store.ViewTransactions;
import dev.artifacta.server.processing.views.ProjectionCatalog.Projection;
import io.micronaut.context.BeanContext;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;

/**
 * Runs every view of the {@link ProjectionCatalog}: the command side's lookups in a subscribing
 * processor, inside the append's transaction (a failing handler rolls the command back), and each
 * streaming view in a tracking processor of its own with JDBC tokens, one that resumes soon after a
 * database outage ({@link OutageAwareTrackingProcessor}) and that stays stopped while its view
 * starts cold ({@link ColdViews}).
 */
@Singleton
public class ViewProcessors {

    private final ProjectionCatalog catalog;
    private final BeanContext beans;
    private final TokenStore tokenStore;
    private final ViewTransactions transactions;
    private final ProcessorSettings settings;
    private final TenantSequencing tenantSequencing;
    private final ColdViews cold;
    private final Map<String, StreamingEventProcessor> processors = new ConcurrentHashMap<>();
    private final Map<String, Integer> segments = new ConcurrentHashMap<>();
    private final SkippedTokenStore liveTokens;
    private final ViewProgress progress;

    ViewProcessors(
            ProjectionCatalog catalog,
            BeanContext beans,
            TokenStore tokenStore,
            ViewTransactions transactions,
            ProcessorSettings settings,
            Serializer serializer,
            ColdViews cold,
            ViewProgress progress) {
        this.catalog = catalog;
        this.beans = beans;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.settings = settings;
        this.tenantSequencing = new TenantSequencing(serializer);
        this.cold = cold;
        this.progress = progress;
        this.liveTokens = new SkippedTokenStore(tokenStore, this::holdsAll, settings.getSkippedTokenInterval());
    }

    /** Registers the processors and every view's projections with Axon's event processing. */
    public void configure(EventProcessingConfigurer processing) {
        processing
                .registerTokenStore(c -> tokenStore)
                .registerSubscribingEventProcessor(CommandLookups.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(
                        CommandLookups.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
        for (Projection view : catalog.all()) {
            for (Class<?> projection : view.projections()) {
                processing.registerEventHandler(c -> beans.getBean(projection));
            }
        }
        for (Projection view : catalog.streaming()) {
            String processor = view.processor();
            processing
                    // Tracking processors block on the event store's stream and wake when a commit
                    // signals it; pooled ones poll the embedded store every 500 ms when idle, which
                    // every read-your-writes wait would pay.
                    .registerEventProcessor(processor, this::trackingProcessor)
                    // A failing handler must not skip the event: propagate, so the batch is retried.
                    .registerListenerInvocationErrorHandler(processor, c -> PropagatingErrorHandler.instance())
                    .registerTransactionManager(processor, c -> transactions.live());
            if (view.sequencing() == StreamingView.Sequencing.PER_TENANT) {
                // A view that chains each tenant's entries: one tenant's events go to one segment, in order.
                processing.registerSequencingPolicy(processor, c -> tenantSequencing);
            }
        }
    }

    /**
     * The segments of a view's processor: as many as it has tokens for when it started, or {@code
     * artifacta.processors.segments} for a view that had none (its processor makes that many).
     */
    public int segments(String processor) {
        return segments.getOrDefault(processor, settings.getSegments());
    }

    /** Whether this node holds every segment of the processor (no other node reads its tokens). */
    private boolean holdsAll(String processor) {
        StreamingEventProcessor instance = processors.get(processor);
        return instance != null && instance.processingStatus().size() >= segments(processor);
    }

    /**
     * A view's tracking processor, built as Axon's {@code registerTrackingEventProcessor} builds one
     * (the processor's error handler, rollback, monitor, token store and transaction manager as
     * registered for it), but one that retries soon after a database outage, and with a token store
     * that writes the tokens of passed-over events less often ({@link SkippedTokenStore}), and that
     * reports every move to the read-your-writes wait ({@link ViewProgress}).
     */
    private EventProcessor trackingProcessor(String name, Configuration axon, EventHandlerInvoker handlers) {
        // A thread per stored segment: a view whose tokens were made with another setting keeps them
        // all processed on one node.
        int stored = tokenStore.fetchSegments(name).length;
        int segments = stored > 0 ? stored : settings.getSegments();
        this.segments.put(name, segments);
        EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
        TrackingEventProcessor.Builder builder = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(handlers)
                .rollbackConfiguration(processing.rollbackConfiguration(name))
                .errorHandler(processing.errorHandler(name))
                .messageMonitor(processing.messageMonitor(TrackingEventProcessor.class, name))
                .messageSource(axon.eventStore())
                .tokenStore(liveTokens)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(settings.getBatchSize())
                        .andTokenClaimInterval(settings.getTokenClaimInterval().toMillis(), TimeUnit.MILLISECONDS)
                        .andEventTrackerStatusChangeListener(progress.listener(name)))
                .spanFactory(axon.getComponent(EventProcessorSpanFactory.class));
        cold.decide(name, stored);
        OutageAwareTrackingProcessor processor = OutageAwareTrackingProcessor.build(
                builder, processing.transactionManager(name), settings.getOutageRetryInterval(), cold);
        cold.track(name, processor);
        processors.put(name, processor);
        return processor;
    }
}
