package dev.artifacta.server.axon;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.command.apikeys.ApiKey;
import dev.artifacta.command.apikeys.KeyAllowances;
import dev.artifacta.command.apikeys.infrastructure.CredentialRegistryProjection;
import dev.artifacta.command.artifacts.Artifact;
import dev.artifacta.command.artifacts.ArtifactNotFound;
import dev.artifacta.command.artifacts.ContentStore;
import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.projects.Project;
import dev.artifacta.command.projects.ProjectDirectory;
import dev.artifacta.command.projects.infrastructure.ProjectRegistryProjection;
import dev.artifacta.command.sharing.ShareLink;
import dev.artifacta.command.sharing.ShareableArtifacts;
import dev.artifacta.command.sharing.infrastructure.ShareLinkRegistryProjection;
import dev.artifacta.command.signup.SignUpHandler;
import dev.artifacta.command.tenants.Tenant;
import dev.artifacta.command.tenants.infrastructure.TenantRegistryProjection;
import dev.artifacta.events.ArtifactaEvent;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.EventJson;
import dev.artifacta.query.apikeylist.ApiKeyListProjection;
import dev.artifacta.query.artifacts.ArtifactHeadsProjection;
import dev.artifacta.query.artifacts.ArtifactVersionsProjection;
import dev.artifacta.query.auditlog.AuditLogProjection;
import dev.artifacta.query.projects.ProjectListProjection;
import dev.artifacta.query.sharelinks.ShareLinkListProjection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Builds Axon (no Spring, no Axon Server) inside Micronaut: the JDBC event store on the application
 * data source, Jackson for every serializer, subscribing processors for the command side's lookup
 * tables (same transaction as the append, errors roll the command back) and tracking processors
 * with JDBC tokens for the query side's views.
 */
@Factory
public class AxonFactory {

    /** Names of the streaming (replayable, token-tracked) processors, one per view. */
    public static final List<String> STREAMING_PROCESSORS = List.of(
            ApiKeyListProjection.NAME,
            AuditLogProjection.NAME,
            ProjectListProjection.NAME,
            ArtifactHeadsProjection.NAME,
            ArtifactVersionsProjection.NAME,
            ShareLinkListProjection.NAME);

    /**
     * Begins a view processor's transactions on PostgreSQL: the commit returns before its WAL is
     * flushed. A view and its token commit together, so a crash that loses the last commits loses
     * both, and the processor applies those events again from the events, which commit
     * synchronously. Other sessions see the commit at once, as with a synchronous one.
     */
    public static final String ASYNCHRONOUS_COMMIT = "SET LOCAL synchronous_commit TO off";

    @Singleton
    TransactionManager axonTransactionManager(SynchronousTransactionManager<Connection> transactions) {
        return new MicronautTransactionManager(transactions);
    }

    @Singleton
    ConnectionProvider axonConnectionProvider(
            DataSource dataSource, SynchronousTransactionManager<Connection> transactions) {
        return new MicronautConnectionProvider(
                dataSource, DelegatingDataSource.unwrapDataSource(dataSource), transactions);
    }

    @Singleton
    Serializer axonSerializer() {
        return JacksonSerializer.builder()
                .objectMapper(EventJson.objectMapper())
                .build();
    }

    /** Artifacts with long histories load from a snapshot taken every this many events. */
    static final int SNAPSHOT_EVERY = 100;

    @Singleton
    EventStorageEngine eventStorageEngine(
            ConnectionProvider connections,
            TransactionManager transactions,
            Serializer serializer,
            ProcessorSettings settings) {
        return new TenantOrderedEventStorageEngine(JdbcEventStorageEngine.builder()
                // Rows per query when a processor reads the store: Axon's default of 100 costs a
                // query per 100 events on a replay.
                .batchSize(settings.getFetchSize())
                .maxGapOffset(settings.getMaxGapOffset())
                .gapTimeout(Math.toIntExact(settings.getGapTimeout().toMillis()))
                .gapCleaningThreshold(settings.getGapCleaningThreshold())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(JacksonSerializer.builder()
                        .objectMapper(EventJson.snapshotMapper())
                        .build())
                .dataType(byte[].class)
                .schema(EventSchema.builder()
                        .eventTable("domain_event_entry")
                        .snapshotTable("snapshot_event_entry")
                        .globalIndexColumn("global_index")
                        .eventIdentifierColumn("event_identifier")
                        .metaDataColumn("meta_data")
                        .payloadColumn("payload")
                        .payloadRevisionColumn("payload_revision")
                        .payloadTypeColumn("payload_type")
                        .timestampColumn("time_stamp")
                        .aggregateIdentifierColumn("aggregate_identifier")
                        .sequenceNumberColumn("sequence_number")
                        .typeColumn("type")
                        .build()));
    }

    /** This process as the owner of segment claims: Axon's default, {@code pid@host}. */
    @Singleton
    NodeIdentity nodeIdentity() {
        return new NodeIdentity(ManagementFactory.getRuntimeMXBean().getName());
    }

    @Singleton
    TokenStore tokenStore(
            ConnectionProvider connections, Serializer serializer, ProcessorSettings settings, NodeIdentity node) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .nodeId(node.id())
                .serializer(serializer)
                .contentType(byte[].class)
                .claimTimeout(settings.getClaimTimeout())
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                .build();
    }

    /**
     * Axon, started eagerly (after Flyway, which runs when the data source is created) and stopped
     * by {@link AxonShutdown} before the data source closes.
     */
    @Context
    Configuration axonConfiguration(
            EventStorageEngine storageEngine,
            TokenStore tokenStore,
            Serializer serializer,
            TransactionManager transactionManager,
            PlanCatalog plans,
            KeyAllowances keyAllowances,
            TenantRegistryProjection tenantRegistry,
            CredentialRegistryProjection credentialRegistry,
            ProjectRegistryProjection projectRegistry,
            ShareLinkRegistryProjection shareLinkRegistry,
            ContentStore contentStore,
            ApiKeyListProjection apiKeyList,
            AuditLogProjection auditLog,
            ProjectListProjection projectList,
            ArtifactHeadsProjection artifactHeads,
            ArtifactVersionsProjection artifactVersions,
            ShareLinkListProjection shareLinkList,
            ProcessorSettings settings,
            MeterRegistry meterRegistry,
            SynchronousTransactionManager<Connection> transactions,
            @Value("${datasources.default.url}") String jdbcUrl,
            Clock clock) {
        // Events take their timestamp from Axon's clock: make it the server's, so that the audit
        // trail's times agree with the times commands carry (and tests can move both).
        GenericEventMessage.clock = clock;
        TransactionManager viewTransactions = DatabaseVendor.of(jdbcUrl) == DatabaseVendor.POSTGRESQL
                ? MicronautTransactionManager.beginningWith(transactions, ASYNCHRONOUS_COMMIT)
                : transactionManager;
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
                    return store;
                })
                .configureCorrelationDataProviders(c -> List.of(
                        new MessageOriginProvider(),
                        new SimpleCorrelationDataProvider(AuditMetadata.KEYS.toArray(String[]::new))))
                // Components that command handlers receive as parameters.
                .registerComponent(PlanCatalog.class, c -> plans)
                .registerComponent(KeyAllowances.class, c -> keyAllowances)
                .registerComponent(ProjectDirectory.class, c -> projectRegistry)
                .registerComponent(ContentStore.class, c -> contentStore)
                .registerComponent(ShareableArtifacts.class, c -> (artifactId, tenantId) -> {
                    try {
                        c.repository(Artifact.class).load(artifactId).execute(a -> a.requireVisibleTo(tenantId));
                    } catch (AggregateNotFoundException | IncompatibleAggregateException notAnArtifact) {
                        throw new ArtifactNotFound(artifactId);
                    }
                })
                .configureAggregate(Tenant.class)
                .configureAggregate(ApiKey.class)
                .configureAggregate(Project.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Artifact.class)
                        .configureSnapshotTrigger(
                                c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), SNAPSHOT_EVERY)))
                .configureAggregate(ShareLink.class)
                .registerCommandHandler(c -> new SignUpHandler(
                        c.repository(Tenant.class),
                        c.repository(ApiKey.class),
                        c.repository(Project.class),
                        tenantRegistry,
                        plans));

        configurer
                .eventProcessing()
                .registerTokenStore(c -> tokenStore)
                .registerSubscribingEventProcessor(CommandLookups.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(
                        CommandLookups.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerEventHandler(c -> tenantRegistry)
                .registerEventHandler(c -> credentialRegistry)
                .registerEventHandler(c -> projectRegistry)
                .registerEventHandler(c -> shareLinkRegistry)
                .registerEventHandler(c -> apiKeyList)
                .registerEventHandler(c -> auditLog)
                .registerEventHandler(c -> projectList)
                .registerEventHandler(c -> artifactHeads)
                .registerEventHandler(c -> artifactVersions)
                .registerEventHandler(c -> shareLinkList);
        for (String processor : STREAMING_PROCESSORS) {
            configurer
                    .eventProcessing()
                    // Tracking processors block on the event store's stream and wake when a commit
                    // signals it; pooled ones poll the embedded store every 500 ms when idle, which
                    // every read-your-writes wait would pay.
                    .registerTrackingEventProcessor(processor, c -> c.eventStore(), c -> {
                        int segments = segmentsOf(processor, settings);
                        return TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                                .andInitialSegmentsCount(segments)
                                .andBatchSize(settings.getBatchSize())
                                .andTokenClaimInterval(
                                        settings.getTokenClaimInterval().toMillis(), TimeUnit.MILLISECONDS);
                    })
                    // A failing handler must not skip the event: propagate, so the batch is retried.
                    .registerListenerInvocationErrorHandler(processor, c -> PropagatingErrorHandler.instance())
                    .registerTransactionManager(processor, c -> viewTransactions);
        }
        // The audit view chains each tenant's entries: one tenant's events go to one segment, in order.
        configurer.eventProcessing().registerSequencingPolicy(AuditLogProjection.NAME, c -> AxonFactory::tenantOf);
        new ProcessorMetricRegistry(meterRegistry).registerWithConfigurerWithDefaultTags(configurer);

        Configuration configuration = configurer.buildConfiguration();
        configuration.start();
        return configuration;
    }

    /** Segments (one thread each) of a view's processor. */
    static int segmentsOf(String processor, ProcessorSettings settings) {
        return settings.getSegments();
    }

    /** Sequences the audit view by tenant: a tenant's entries are applied one after another, in order. */
    static Object tenantOf(EventMessage<?> event) {
        return event.getPayload() instanceof ArtifactaEvent artifactaEvent
                ? artifactaEvent.tenantId()
                : event.getIdentifier();
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
