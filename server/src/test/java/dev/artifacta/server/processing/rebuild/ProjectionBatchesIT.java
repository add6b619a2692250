package dev.artifacta.server.processing.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.events.AccessDenied;
import dev.artifacta.events.Actor;
import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiKeyRenamed;
import dev.artifacta.events.ApiKeyRevoked;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.query.apikeylist.ApiKeyListProjection;
import dev.artifacta.query.auditlog.AuditChain;
import dev.artifacta.query.auditlog.AuditLogProjection;
import dev.artifacta.query.auditlog.AuditLogRow;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;

/**
 * The projections write once per processor batch: these tests hand them batches the way a
 * tracking processor does (one {@link BatchingUnitOfWork}, one transaction) and check that a batch
 * gives what event-by-event processing gave: every tenant's chain linked in stream order, a
 * redelivered event changing nothing, a failure leaving no row of its batch, and statements of one
 * batch applied in the events' order.
 *
 * <p>The events are handed to the projections directly, not appended, so the running processors
 * never see them; their tenants exist nowhere else, so the audit view keeps all their entries.
 */
@MicronautTest(transactional = false)
class ProjectionBatchesIT extends ApiTest {

    private static final MetaData WHO = MetaData.from(AuditMetadata.of(
            Actor.service("batch-test", "Batch test"), new RequestInfo("req-batch", "127.0.0.1", "batch-test")));

    @Inject
    AuditLogProjection auditLog;

    @Inject
    ApiKeyListProjection keyList;

    @Inject
    AuditChain chain;

    @Inject
    TransactionManager transactions;

    @Inject
    DataSource dataSource;

    @Test
    void givenPostgres_thenTheDriverSendsABatchOfInsertsAsMultiRowStatements() throws SQLException {
        try (Connection connection =
                DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            assertThat(connection
                            .unwrap(BaseConnection.class)
                            .getQueryExecutor()
                            .isReWriteBatchedInsertsEnabled())
                    .isTrue();
        }
    }

    @Test
    void givenOneBatchOfInterleavedTenants_thenEachTenantsChainLinksItsEventsInStreamOrder() {
        List<String> tenants = List.of(tenant(), tenant(), tenant());
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (String tenant : tenants) {
                batch.add(denied(tenant, "round-" + round));
            }
        }

        process(auditLog, batch, -1);

        for (String tenant : tenants) {
            List<AuditLogRow> entries = entriesOf(tenant);
            assertThat(entries)
                    .extracting(AuditLogRow::resourceId)
                    .containsExactly("round-0", "round-1", "round-2", "round-3");
            assertThat(entries).extracting(AuditLogRow::sequence).containsExactly(1L, 2L, 3L, 4L);
            String previous = AuditChain.GENESIS;
            for (AuditLogRow entry : entries) {
                assertThat(entry.previousHash()).isEqualTo(previous);
                assertThat(entry.hash()).isEqualTo(chain.hash(previous, entry));
                previous = entry.hash();
            }
            assertThat(head(tenant)).containsEntry("last_sequence", 4L).containsEntry("last_hash", previous);
        }
    }

    @Test
    void givenABatchOfEntriesWithHostileText_largeEnoughToBeCopied_thenEveryValueIsStoredAsItWasAndEveryHashVerifies() {
        String tenant = tenant();
        List<String> hostile = List.of(
                "tab\there", "line\nfeed", "carriage\rreturn", "back\\slash", "\\N", "\\.", "\\", "quote'\"", "ü 😀 中");
        List<String> texts = new ArrayList<>();
        for (int round = 0; round < 4; round++) { // 36 rows: COPY on PostgreSQL (32 or more)
            for (String text : hostile) {
                texts.add(round % 2 == 0 ? text : text + " " + round);
            }
        }
        Instant at = Instant.parse("2026-03-04T05:06:07.123456Z");
        List<EventMessage<?>> batch = new ArrayList<>();
        for (String text : texts) {
            batch.add(event(new AccessDenied(tenant, "GET /v1/" + text, "artifact", text, "scope", text, at)));
        }

        process(auditLog, batch, -1);

        List<AuditLogRow> entries = entriesOf(tenant);
        assertThat(entries).extracting(AuditLogRow::resourceId).containsExactlyElementsOf(texts);
        assertThat(entries)
                .extracting(AuditLogRow::occurredAt)
                .containsExactlyElementsOf(batch.stream()
                        .map(event -> event.getTimestamp().truncatedTo(ChronoUnit.MICROS))
                        .toList());
        String previous = AuditChain.GENESIS;
        for (AuditLogRow entry : entries) {
            assertThat(entry.details()).contains("GET /v1/");
            assertThat(entry.hash()).isEqualTo(chain.hash(previous, entry));
            previous = entry.hash();
        }
    }

    @Test
    void givenABatchWhoseCopyTextSpansManyChunks_thenEveryRowIsStoredWholeAndInOrder() {
        String tenant = tenant();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // about 300 KiB of COPY text: several chunks of 32 Ki chars
            texts.add(i + " " + "ü 😀 中\t".repeat(40) + " " + i);
        }
        Instant at = Instant.parse("2026-03-04T05:06:07.123456Z");
        List<EventMessage<?>> batch = new ArrayList<>();
        for (String text : texts) {
            batch.add(event(new AccessDenied(tenant, "GET /v1/x", "artifact", text, "scope", text, at)));
        }

        process(auditLog, batch, -1);

        List<AuditLogRow> entries = entriesOf(tenant);
        assertThat(entries).extracting(AuditLogRow::resourceId).containsExactlyElementsOf(texts);
        String previous = AuditChain.GENESIS;
        for (AuditLogRow entry : entries) {
            assertThat(entry.hash()).isEqualTo(chain.hash(previous, entry));
            previous = entry.hash();
        }
    }

    @Test
    void givenABatchRedeliveredWithANewEvent_thenOnlyTheNewEventExtendsTheChain() {
        String tenant = tenant();
        EventMessage<?> first = denied(tenant, "first");
        EventMessage<?> second = denied(tenant, "second");
        process(auditLog, List.of(first, second), -1);
        List<AuditLogRow> before = entriesOf(tenant);

        process(auditLog, List.of(first, second), -1);
        assertThat(entriesOf(tenant)).isEqualTo(before);

        EventMessage<?> third = denied(tenant, "third");
        process(auditLog, List.of(second, third), -1);
        List<AuditLogRow> after = entriesOf(tenant);
        assertThat(after.subList(0, 2)).isEqualTo(before);
        assertThat(after.get(2).sequence()).isEqualTo(3L);
        assertThat(after.get(2).previousHash()).isEqualTo(before.get(1).hash());
        assertThat(head(tenant)).containsEntry("last_sequence", 3L);
    }

    @Test
    void givenAHandlerFailingMidBatch_thenNoRowOfTheBatchIsStored_andTheRetryStartsFromTheStoredChain() {
        String a = tenant();
        String b = tenant();
        List<EventMessage<?>> batch = List.of(denied(a, "a-1"), denied(b, "b-1"), denied(a, "a-2"), denied(b, "b-2"));

        boolean failed = process(auditLog, batch, 2);

        assertThat(failed).isTrue();
        assertThat(entriesOf(a)).isEmpty();
        assertThat(entriesOf(b)).isEmpty();
        assertThat(new Tables(dataSource)
                        .rows("SELECT * FROM audit_tenant WHERE tenant_id IN ('" + a + "', '" + b + "')"))
                .isEmpty();

        process(auditLog, batch, -1);
        assertThat(entriesOf(a)).extracting(AuditLogRow::sequence).containsExactly(1L, 2L);
        assertThat(entriesOf(b)).extracting(AuditLogRow::sequence).containsExactly(1L, 2L);
    }

    @Test
    void givenAKeyCreatedRenamedAndRevokedInOneBatch_thenTheListShowsAllThree_andARedeliveryChangesNothing() {
        String tenant = tenant();
        String keyId = "key-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-01-02T03:04:05.123456Z");
        List<EventMessage<?>> batch = List.of(
                event(new ApiKeyCreated(
                        tenant,
                        keyId,
                        "first name",
                        null,
                        "ak_test",
                        "abcd",
                        "0".repeat(64),
                        List.of("artifacts:read"),
                        KeyIdentity.user("owner@example.com"),
                        null,
                        at)),
                event(new ApiKeyRenamed(tenant, keyId, "first name", "second name", at.plusSeconds(1))),
                event(new ApiKeyRevoked(tenant, keyId, "second name", at.plusSeconds(2))));

        process(keyList, batch, -1);
        List<Map<String, Object>> rows = keyRows(keyId);
        process(keyList, batch.subList(0, 1), -1);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("name", "second name");
        assertThat(rows.get(0).get("revoked_at")).isNotNull();
        assertThat(keyRows(keyId)).isEqualTo(rows);
    }

    /**
     * Handles {@code events} as one processor batch, in one transaction; the handler of the event at
     * {@code failAt} (none if negative) throws after the projection handled it. Whether it failed.
     */
    private boolean process(Object projection, List<EventMessage<?>> events, int failAt) {
        var handler = new AnnotationEventHandlerAdapter(projection);
        var unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.attachTransaction(transactions);
        var result = unitOfWork.executeWithResult(
                () -> {
                    EventMessage<?> event = unitOfWork.getMessage();
                    handler.handle(event);
                    if (events.indexOf(event) == failAt) {
                        throw new IllegalStateException("handler failure in the middle of the batch");
                    }
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        return result.isExceptional();
    }

    private static EventMessage<?> denied(String tenant, String resourceId) {
        return event(new AccessDenied(
                tenant, "GET /v1/test", "artifact", resourceId, "scope", "insufficient-scope", Instant.now()));
    }

    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(WHO);
    }

    private static String tenant() {
        return "batch-" + UUID.randomUUID();
    }

    private List<AuditLogRow> entriesOf(String tenant) {
        try (Connection connection =
                        DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT * FROM audit_log WHERE tenant_id = ? ORDER BY sequence")) {
            statement.setString(1, tenant);
            try (ResultSet row = statement.executeQuery()) {
                List<AuditLogRow> entries = new ArrayList<>();
                while (row.next()) {
                    entries.add(AuditLogRow.read(row));
                }
                return entries;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> head(String tenant) {
        return new Tables(dataSource)
                .rows("SELECT * FROM audit_tenant WHERE tenant_id = '" + tenant + "'")
                .get(0);
    }

    private List<Map<String, Object>> keyRows(String keyId) {
        return new Tables(dataSource).rows("SELECT * FROM api_key_list WHERE key_id = '" + keyId + "'");
    }
}
