package dev.artifacta.server.processing.store;

import dev.artifacta.events.AgentKeyActorTypeUpcaster;
import dev.artifacta.events.ApiKeyCreated1To2Upcaster;
import dev.artifacta.events.EventJson;
import dev.artifacta.server.processing.config.NodeIdentity;
import dev.artifacta.server.processing.config.ProcessorSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Where Axon keeps events and tokens: the JDBC event store and token store on the application's
 * data source, in Micronaut's transactions, with Jackson for every serializer.
 */
@Factory
public class EventStoreFactory {

    /** How an event's payload and metadata are stored: JSON bytes. */
    static final Class<byte[]> STORED_AS = byte[].class;

    /** The database under the application's data source, told from its JDBC URL once for everyone. */
    @Singleton
    DatabaseVendor databaseVendor(@Value("${datasources.default.url}") String jdbcUrl) {
        return DatabaseVendor.of(jdbcUrl);
    }

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

    @Singleton
    EventStorageEngine eventStorageEngine(
            ConnectionProvider connections,
            TransactionManager transactions,
            Serializer serializer,
            ProcessorSettings settings,
            DatabaseVendor vendor) {
        return new TenantOrderedEventStorageEngine(
                JdbcEventStorageEngine.builder()
                        // Older revisions of events and their metadata read as the current ones.
                        .upcasterChain(new EventUpcasterChain(
                                new ApiKeyCreated1To2Upcaster(), new AgentKeyActorTypeUpcaster()))
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
                        .dataType(STORED_AS)
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
                                .build()),
                vendor);
    }

    /** This process as the owner of segment claims: Axon's default, {@code pid@host}. */
    @Singleton
    NodeIdentity nodeIdentity() {
        return new NodeIdentity(ManagementFactory.getRuntimeMXBean().getName());
    }

    /**
     * Axon's JDBC token store; on PostgreSQL a token's update also asks for its transaction's
     * asynchronous commit ({@link AsynchronousCommit}).
     */
    @Singleton
    TokenStore tokenStore(
            ConnectionProvider connections,
            Serializer serializer,
            ProcessorSettings settings,
            NodeIdentity node,
            DatabaseVendor vendor) {
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
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
                        .build());
        return vendor == DatabaseVendor.POSTGRESQL ? new AsynchronousCommit.TokenStore(builder) : builder.build();
    }
}
