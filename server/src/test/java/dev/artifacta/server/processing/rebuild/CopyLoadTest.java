package dev.artifacta.server.processing.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

class CopyLoadTest {

    private final CountingStorage storage = new CountingStorage();
    private final Recorder recorder = new Recorder();
    private final SimpleEventHandlerInvoker handlers = SimpleEventHandlerInvoker.builder()
            .eventHandlers(recorder)
            // "tenant:n": a tenant's events form one sequence, as the audit view's do
            .sequencingPolicy(event -> ((String) event.getPayload()).split(":")[0])
            .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
            .build();

    @Test
    void givenEventsOfManyTenants_whenLoaded_thenEachTenantIsAppliedInOrderByOneWorker_inBatches() throws Exception {
        List<String> appended = new ArrayList<>();
        for (int n = 1; n <= 250; n++) {
            for (String tenant : List.of("a", "b", "c", "d", "e")) {
                appended.add(tenant + ":" + n);
            }
        }
        append(appended);
        AtomicLong reported = new AtomicLong(-1);

        CopyLoad.Outcome outcome = new CopyLoad(storage, List.of(target("audit", handlers)), 2, 100, 4)
                .run(applied -> reported.set(applied[0]));

        assertThat(outcome.events()).isEqualTo(1250);
        assertThat(outcome.token()).isNotNull();
        assertThat(outcome.token().position()).hasValue(1249);
        Map<String, List<Integer>> byTenant = new HashMap<>();
        Map<String, String> threadOf = new HashMap<>();
        for (String[] applied : recorder.applied) {
            String[] parts = applied[1].split(":");
            byTenant.computeIfAbsent(parts[0], t -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            assertThat(threadOf.computeIfAbsent(parts[0], t -> applied[0]))
                    .as("the one worker of tenant %s", parts[0])
                    .isEqualTo(applied[0]);
        }
        assertThat(byTenant).hasSize(5);
        List<Integer> inOrder = new ArrayList<>();
        for (int n = 1; n <= 250; n++) {
            inOrder.add(n);
        }
        byTenant.values().forEach(numbers -> assertThat(numbers).isEqualTo(inOrder));
        assertThat(threadOf.values())
                .as("both workers took tenants")
                .hasSize(5)
                .containsOnly("view-rebuild-load-audit-0", "view-rebuild-load-audit-1");
        assertThat(threadOf.values().stream().distinct()).hasSize(2);
        assertThat(recorder.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 100));
        assertThat(recorder.batchSizes.stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(1250);
    }

    @Test
    void givenAnEmptyStore_whenLoaded_thenThereIsNoToken() throws Exception {
        CopyLoad.Outcome outcome =
                new CopyLoad(storage, List.of(target("audit", handlers)), 2, 100, 4).run(applied -> {});

        assertThat(outcome.events()).isZero();
        assertThat(outcome.token()).isNull();
        assertThat(recorder.applied).isEmpty();
    }

    @Test
    void givenAHandlerThatFails_whenLoaded_thenTheLoadFailsWithItsError() {
        List<String> appended = new ArrayList<>();
        for (int n = 1; n <= 5000; n++) {
            appended.add((n == 1500 ? "poison" : "t" + n % 7) + ":" + n);
        }
        append(appended);

        assertThatThrownBy(() -> new CopyLoad(storage, List.of(target("audit", handlers)), 2, 50, 4).run(applied -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("poisoned: poison:1500");
        assertThat(recorder.applied).as("the load stopped").hasSizeLessThan(5000);
    }

    @Test
    void givenTwoViews_whenLoadedTogether_thenTheStreamIsReadOnceAndEachViewGetsItsOwnEventsInOrder() throws Exception {
        Recorder other = new Recorder();
        SimpleEventHandlerInvoker second = SimpleEventHandlerInvoker.builder()
                .eventHandlers(other)
                .sequencingPolicy(event -> ((String) event.getPayload()).split(":")[0])
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
        List<String> appended = new ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            appended.add("a:" + n);
            appended.add("b:" + n);
        }
        append(appended);

        CopyLoad.Outcome outcome = new CopyLoad(
                        storage, List.of(target("all", handlers), target("other", second)), 2, 40, 1)
                .run(applied -> {});

        assertThat(storage.reads).as("one reader for both views").isEqualTo(1);
        assertThat(outcome.events()).isEqualTo(600);
        assertThat(recorder.applied).hasSize(600);
        assertThat(other.applied).hasSize(600);
        assertThat(recorder.applied)
                .allSatisfy(applied -> assertThat(applied[0]).startsWith("view-rebuild-load-all-"));
        assertThat(other.applied).allSatisfy(applied -> assertThat(applied[0]).startsWith("view-rebuild-load-other-"));
        for (Recorder view : List.of(recorder, other)) {
            List<String> ofA = view.applied.stream()
                    .map(applied -> applied[1])
                    .filter(payload -> payload.startsWith("a:"))
                    .toList();
            assertThat(ofA)
                    .hasSize(300)
                    .isEqualTo(appended.stream().filter(p -> p.startsWith("a:")).toList());
        }
    }

    private static CopyLoad.Target target(String name, SimpleEventHandlerInvoker handlers) {
        return new CopyLoad.Target(name, handlers, NoTransactionManager.INSTANCE);
    }

    private void append(List<String> payloads) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (String payload : payloads) {
            events.add(GenericEventMessage.asEventMessage(payload));
        }
        storage.appendEvents(events);
    }

    /** Counts the reads of the stream from its start. */
    static final class CountingStorage extends InMemoryEventStorageEngine {
        int reads;

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            reads++;
            return super.readEvents(trackingToken, mayBlock);
        }
    }

    /** Records each event it handles with the thread that handled it, and each batch's size. */
    static final class Recorder {
        final List<String[]> applied = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

        @EventHandler
        void on(String payload) {
            if (payload.startsWith("poison")) {
                throw new IllegalStateException("poisoned: " + payload);
            }
            var unitOfWork = (BatchingUnitOfWork<?>) CurrentUnitOfWork.get();
            if (unitOfWork.isFirstMessage()) {
                batchSizes.add(unitOfWork.getMessages().size());
            }
            applied.add(new String[] {Thread.currentThread().getName(), payload});
        }
    }
}
