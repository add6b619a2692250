package dev.artifacta.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.events.AccessDenied;
import dev.artifacta.events.Actor;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * Two tenants commit in the opposite order of their positions in the event stream, as concurrent
 * requests of different tenants do: the audit view first sees the later event, then the earlier one
 * filling the gap. Each entry must still be stored under its own event's position, once.
 *
 * <p>Its own class: when the view fails here its processor retries forever, which would stall any
 * other test sharing the server.
 */
@MicronautTest(transactional = false)
class AuditLogGapIT extends ApiTest {

    @Inject
    DataSource dataSource;

    @Inject
    EventStore eventStore;

    @Inject
    SynchronousTransactionManager<Connection> transactions;

    @Test
    void givenAnEarlierEventOfOneTenantCommittedAfterALaterOneOfAnother_thenBothAreStoredUnderTheirOwnPositions()
            throws Exception {
        Tables tables = new Tables(dataSource);
        Tenant slow = api.signUp("slow");
        Tenant fast = api.signUp("fast");
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread holder = new Thread(() -> {
            try {
                transactions.executeWrite(status -> {
                    AccessDenied denied = new AccessDenied(
                            slow.id(),
                            "GET /v1/test",
                            "tenant",
                            slow.id(),
                            "scope",
                            "insufficient-scope",
                            Instant.now());
                    eventStore.publish(GenericEventMessage.asEventMessage(denied)
                            .andMetaData(MetaData.from(AuditMetadata.of(
                                    Actor.service("gap-test", "Gap test"),
                                    new RequestInfo("req-gap", "127.0.0.1", "gap-test")))));
                    appended.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    return null;
                });
            } catch (Throwable t) {
                failure.set(t);
                appended.countDown();
            }
        });
        holder.start();
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).isNull();

        // The fast tenant's event takes the next position and commits first; its request waits for the view.
        String key =
                api.createKey(fast.key(), "{\"name\":\"fast-key\"}").get("id").asText();
        assertThat(AuditTrail.all(api, fast.key(), "?action=api_key.created&keyName=Default%20key"))
                .extracting(e -> e.at("/resource/id").asText())
                .containsExactly(key);
        release.countDown();
        holder.join();
        assertThat(failure.get()).isNull();

        assertThat(AuditTrail.awaitTrail(api, slow.key(), "?action=access.denied", items -> items.size() == 1))
                .as("the slow tenant's refusal reaches its audit trail")
                .extracting(e -> e.at("/request/id").asText())
                .containsExactly("req-gap");

        // Every event of the two tenants has exactly one entry, in event stream order.
        List<Map<String, Object>> unmatched = tables.rows("SELECT e.event_identifier FROM domain_event_entry e"
                + " LEFT JOIN audit_log a ON a.event_id = e.event_identifier WHERE a.event_id IS NULL");
        assertThat(unmatched).isEmpty();
        AuditTrail.assertChain(tables, slow.id(), 1, AuditTrail.GENESIS);
        AuditTrail.assertChain(tables, fast.id(), 1, AuditTrail.GENESIS);
        assertThat(AuditTrail.chainRows(tables, slow.id())).hasSize(4);
        assertThat(AuditTrail.chainRows(tables, fast.id())).hasSize(4);
        // And the view still follows new events.
        String after =
                api.createKey(slow.key(), "{\"name\":\"after-gap\"}").get("id").asText();
        assertThat(AuditTrail.all(api, slow.key(), "?action=api_key.created&keyName=Default%20key"))
                .extracting(e -> e.at("/resource/id").asText())
                .containsExactly(after);
    }
}
