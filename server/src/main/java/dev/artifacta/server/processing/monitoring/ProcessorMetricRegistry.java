package dev.artifacta.server.processing.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon's metrics, with the event processors counted per processor and nothing else measured per
 * event.
 *
 * <p>Axon's default monitors for a processor look up five counters and a timer in the registry for
 * every event, tagged with its payload type, parse the event's stored timestamp for the latency
 * gauge and keep an entry per event for the capacity gauge. During a replay that was a third of the
 * server's CPU: a profile of the key list's replay spent 20% parsing timestamps of events the view
 * ignores. The counters here are registered once per processor, under Axon's names; how far behind
 * a view is, in events and seconds, is {@code artifacta_projection_lag_*}, read from the tokens.
 * The command bus and the event store keep Axon's monitors: they see one message per request.
 */
public final class ProcessorMetricRegistry extends GlobalMetricRegistry {

    private static final String PREFIX = "eventProcessor";

    public ProcessorMetricRegistry(MeterRegistry registry) {
        super(registry);
    }

    @Override
    public MessageMonitor<? extends Message<?>> registerComponentWithDefaultTags(
            Class<?> componentType, String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new ProcessorCounters(getRegistry(), componentName);
        }
        return super.registerComponentWithDefaultTags(componentType, componentName);
    }

    /** Events ingested, processed (succeeded or failed) and ignored by one processor. */
    static final class ProcessorCounters implements MessageMonitor<EventMessage<?>> {

        private final Counter ingested;
        private final Counter processed;
        private final Counter succeeded;
        private final Counter failed;
        private final Counter ignored;
        private final MonitorCallback callback;

        ProcessorCounters(MeterRegistry registry, String processor) {
            Tags tags = Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processor);
            ingested = registry.counter(PREFIX + ".ingestedCounter", tags);
            processed = registry.counter(PREFIX + ".processedCounter", tags);
            succeeded = registry.counter(PREFIX + ".successCounter", tags);
            failed = registry.counter(PREFIX + ".failureCounter", tags);
            ignored = registry.counter(PREFIX + ".ignoredCounter", tags);
            callback = new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    processed.increment();
                    succeeded.increment();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    processed.increment();
                    failed.increment();
                }

                @Override
                public void reportIgnored() {
                    ignored.increment();
                }
            };
        }

        @Override
        public MonitorCallback onMessageIngested(EventMessage<?> message) {
            ingested.increment();
            return callback;
        }
    }
}
