package dev.artifacta.command.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifacta.command.apikeys.ApiKey;
import dev.artifacta.command.apikeys.SecretDigest;
import dev.artifacta.command.plans.FakePlanCatalog;
import dev.artifacta.command.plans.UnknownPlan;
import dev.artifacta.command.projects.Project;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.command.shared.Rejection;
import dev.artifacta.command.tenants.Tenant;
import dev.artifacta.command.tenants.TenantNameTaken;
import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.events.ProjectCreated;
import dev.artifacta.events.TenantCreated;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signup spans two aggregates, so it runs against real event-sourcing repositories over an
 * in-memory event store, one unit of work per command, as the command bus would run it.
 */
class SignUpHandlerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final SecretDigest FIRST_KEY = new SecretDigest(
            "ak_live_Ab3d", "Cd4f", "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(storage).build();
    private final Set<String> takenNames = new HashSet<>();
    private SignUpHandler handler;

    @BeforeEach
    void setUp() {
        var tenants = EventSourcingRepository.builder(Tenant.class)
                .eventStore(eventStore)
                .build();
        var apiKeys = EventSourcingRepository.builder(ApiKey.class)
                .eventStore(eventStore)
                .build();
        var projects = EventSourcingRepository.builder(Project.class)
                .eventStore(eventStore)
                .build();
        handler = new SignUpHandler(tenants, apiKeys, projects, takenNames::contains, new FakePlanCatalog());
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void whenTenantSignsUp_thenTenantAndFirstKeyAreAppendedInOneGo() throws Exception {
        signUp(command("acme-corp", "pro"));

        List<? extends EventMessage<?>> appended = appended();
        assertThat(appended)
                .extracting(EventMessage::getPayload)
                .hasExactlyElementsOfTypes(TenantCreated.class, ApiKeyCreated.class, ProjectCreated.class);
        assertThat(appended.get(2).getPayload())
                .isEqualTo(new ProjectCreated("tenant-acme", "project-default", "default", "Default", NOW));
        assertThat(appended.get(0).getPayload())
                .isEqualTo(new TenantCreated("tenant-acme", "acme-corp", "owner@acme.test", "pro", NOW));
        assertThat(((DomainEventMessage<?>) appended.get(0)).getAggregateIdentifier())
                .isEqualTo("tenant-acme");

        ApiKeyCreated firstKey = (ApiKeyCreated) appended.get(1).getPayload();
        assertThat(((DomainEventMessage<?>) appended.get(1)).getAggregateIdentifier())
                .isEqualTo("key-first");
        assertThat(firstKey.tenantId()).isEqualTo("tenant-acme");
        assertThat(firstKey.keyId()).isEqualTo("key-first");
        assertThat(firstKey.name()).isEqualTo(SignUpHandler.FIRST_KEY_NAME);
        assertThat(firstKey.scopes()).containsExactlyInAnyOrderElementsOf(ApiScope.allValues());
        assertThat(firstKey.identity()).isEqualTo(KeyIdentity.user("owner@acme.test"));
        assertThat(firstKey.prefix()).isEqualTo(FIRST_KEY.prefix());
        assertThat(firstKey.last4()).isEqualTo(FIRST_KEY.last4());
        assertThat(firstKey.secretSha256()).isEqualTo(FIRST_KEY.sha256());
        assertThat(firstKey.expiresAt()).isNull();
        assertThat(firstKey.createdAt()).isEqualTo(NOW);
    }

    @Test
    void givenTakenName_whenTenantSignsUp_thenTenantNameTakenAndNothingIsAppended() {
        takenNames.add("acme-corp");

        assertThatThrownBy(() -> signUp(command("acme-corp", "free")))
                .isInstanceOf(TenantNameTaken.class)
                .extracting(e -> ((Rejection) e).type())
                .isEqualTo("tenant-name-taken");
        assertThat(appended()).isEmpty();
    }

    @Test
    void whenTenantSignsUpForAnUnknownPlan_thenUnknownPlanAndNothingIsAppended() {
        assertThatThrownBy(() -> signUp(command("acme-corp", "platinum")))
                .isInstanceOf(UnknownPlan.class)
                .hasMessageContaining("'platinum'");
        assertThat(appended()).isEmpty();
    }

    @Test
    void whenTenantNameIsInvalid_thenInvalidRequestAndNothingIsAppended() {
        assertThatThrownBy(() -> signUp(command("Acme Corp", "free")))
                .isInstanceOf(InvalidRequest.class)
                .extracting(e -> ((Rejection) e).type())
                .isEqualTo("invalid-tenant-name");
        assertThat(appended()).isEmpty();
    }

    @Test
    void whenFirstKeyIsRejectedAfterTheTenant_thenTheTenantIsNotAppendedEither() {
        var command = new SignUp(
                "tenant-acme",
                "acme-corp",
                "owner@acme.test",
                "free",
                "key-first",
                " padded ",
                FIRST_KEY,
                "project-default",
                NOW);

        assertThatThrownBy(() -> signUp(command))
                .isInstanceOf(InvalidRequest.class)
                .extracting(e -> ((Rejection) e).type())
                .isEqualTo("invalid-api-key-name");
        assertThat(appended()).isEmpty();
    }

    private static SignUp command(String tenantName, String plan) {
        return new SignUp(
                "tenant-acme",
                tenantName,
                "owner@acme.test",
                plan,
                "key-first",
                SignUpHandler.FIRST_KEY_NAME,
                FIRST_KEY,
                "project-default",
                NOW);
    }

    /** Runs the handler in a unit of work that commits on success and rolls back on a rejection. */
    private void signUp(SignUp command) throws Exception {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command));
        try {
            handler.handle(command);
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
    }

    private List<? extends EventMessage<?>> appended() {
        return storage.readEvents(null, false).toList();
    }
}
