package dev.artifacta.server.processing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifacta.events.AccessDenied;
import dev.artifacta.events.Actor;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * The read-your-writes wait learns the positions of a thread's events from their insert: these
 * tests append through the real event store in a unit of work, as a command does, and compare what
 * the thread was told with the store.
 */
@MicronautTest(transactional = false)
class AppendedEventsIT extends ApiTest {

    private static final MetaData WHO = MetaData.from(AuditMetadata.of(
            Actor.service("positions-test", "Positions test"), new RequestInfo("req-positions", "127.0.0.1", "test")));

    @Inject
    EventStore eventStore;

    @Inject
    TransactionManager transactions;

    @Inject
    DataSource dataSource;

    @Test
    void givenTwoEventsAppendedAndCommitted_thenTheThreadKnowsTheirPositions_asTheStoreHasThem() throws SQLException {
        Tenant tenant = api.signUp("positions");
        AppendedEvents.drain();
        List<EventMessage<?>> events = List.of(denied(tenant, "a"), denied(tenant, "b"));

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        eventStore.publish(events);
        unitOfWork.commit();

        AppendedEvents.Appended appended = AppendedEvents.drain();
        assertThat(appended.ids())
                .containsExactly(events.get(0).getIdentifier(), events.get(1).getIdentifier());
        assertThat(appended.positioned()).isTrue();
        assertThat(appended.positions()).containsExactlyElementsOf(positionsInStore(appended.ids()));
        assertThat(AppendedEvents.drain().ids()).isEmpty();
    }

    @Test
    void givenAnAppendRolledBackAfterItsInsert_thenTheThreadHasItsIdsButNoPosition() throws SQLException {
        Tenant tenant = api.signUp("positions-rollback");
        AppendedEvents.drain();
        EventMessage<?> event = denied(tenant, "c");

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        eventStore.publish(event);
        unitOfWork.onPrepareCommit(u -> {
            throw new IllegalStateException("refused after the insert");
        });
        assertThatThrownBy(unitOfWork::commit).hasMessage("refused after the insert");

        AppendedEvents.Appended appended = AppendedEvents.drain();
        assertThat(appended.ids()).containsExactly(event.getIdentifier());
        assertThat(appended.positions()).isEmpty();
        assertThat(appended.positioned()).isFalse();
        assertThat(positionsInStore(appended.ids())).isEmpty();
    }

    private static EventMessage<?> denied(Tenant tenant, String resource) {
        return GenericEventMessage.asEventMessage(new AccessDenied(
                        tenant.id(),
                        "GET /v1/test",
                        "artifact",
                        resource,
                        "scope",
                        "insufficient-scope",
                        Instant.now()))
                .andMetaData(WHO);
    }

    private List<Long> positionsInStore(List<String> ids) throws SQLException {
        var positions = new ArrayList<Long>();
        try (Connection connection =
                        DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT global_index FROM domain_event_entry WHERE event_identifier = ANY (?) ORDER BY global_index")) {
            query.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
            }
        }
        return positions;
    }
}
