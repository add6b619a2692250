package dev.artifacta.command.tenants;

import static dev.artifacta.command.shared.RejectionMatcher.rejection;
import static org.hamcrest.Matchers.containsString;

import dev.artifacta.command.plans.FakePlanCatalog;
import dev.artifacta.command.plans.UnknownPlan;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.TenantClientRegistrationChanged;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.TenantPlanChanged;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-04-01T00:00:00Z");
    private static final String TENANT = "tenant-acme";
    private static final String OWNER = "owner@acme.test";

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
        fixture.registerInjectableResource(new FakePlanCatalog());
    }

    @Test
    void whenTenantIsCreated_thenTenantCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateTenant(TENANT, "acme-corp", OWNER, "free", NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TenantCreated(TENANT, "acme-corp", OWNER, "free", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a1b", "acme-corp", "0-9"})
    void whenNameIsAShortValidLabel_thenTenantCreated(String name) {
        fixture.givenNoPriorActivity()
                .when(new CreateTenant(TENANT, name, OWNER, "free", NOW))
                .expectEvents(new TenantCreated(TENANT, name, OWNER, "free", NOW));
    }

    @Test
    void whenNameHas63Characters_thenTenantCreated() {
        String longest = "a".repeat(63);

        fixture.givenNoPriorActivity()
                .when(new CreateTenant(TENANT, longest, OWNER, "free", NOW))
                .expectEvents(new TenantCreated(TENANT, longest, OWNER, "free", NOW));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "Acme-Corp", // uppercase
                "ab", // too short
                "-acme", // leading hyphen
                "acme-", // trailing hyphen
                "acme--corp", // double hyphen
                "acme corp", // space
                "acme_corp", // underscore
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" // 64 characters
            })
    void whenNameIsInvalid_thenInvalidTenantName(String name) {
        fixture.givenNoPriorActivity()
                .when(new CreateTenant(TENANT, name, OWNER, "free", NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-tenant-name"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"owner", "owner@", "@acme.test", "owner@@acme.test", "own er@acme.test", "a@b@c"})
    void whenOwnerEmailIsInvalid_thenInvalidEmail(String email) {
        fixture.givenNoPriorActivity()
                .when(new CreateTenant(TENANT, "acme-corp", email, "free", NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-email"));
    }

    @Test
    void givenNewTenant_whenClientRegistrationIsAllowed_thenTheSettingChanged() {
        fixture.given(created("free"))
                .when(new ChangeClientRegistration(TENANT, true, LATER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TenantClientRegistrationChanged(TENANT, true, LATER));
    }

    @Test
    void givenNewTenant_whenClientRegistrationIsTurnedOff_thenNothingIsRecorded_becauseItIsOffByDefault() {
        fixture.given(created("free"))
                .when(new ChangeClientRegistration(TENANT, false, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenClientRegistrationAllowed_whenTurnedOff_thenTheSettingChanged_andAllowingAgainRecordsNothingTwice() {
        fixture.given(created("free"), new TenantClientRegistrationChanged(TENANT, true, NOW))
                .when(new ChangeClientRegistration(TENANT, false, LATER))
                .expectEvents(new TenantClientRegistrationChanged(TENANT, false, LATER));
        fixture.given(created("free"), new TenantClientRegistrationChanged(TENANT, true, NOW))
                .when(new ChangeClientRegistration(TENANT, true, LATER))
                .expectNoEvents();
    }

    @Test
    void givenFreeTenant_whenPlanChangesToPro_thenPlanChangedFromFreeToPro() {
        fixture.given(created("free"))
                .when(new ChangeTenantPlan(TENANT, "pro", LATER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TenantPlanChanged(TENANT, "free", "pro", LATER));
    }

    @Test
    void givenTenantMovedToPro_whenPlanChangesBackToFree_thenPreviousPlanIsPro() {
        fixture.given(created("free"), new TenantPlanChanged(TENANT, "free", "pro", NOW.plusSeconds(60)))
                .when(new ChangeTenantPlan(TENANT, "free", LATER))
                .expectEvents(new TenantPlanChanged(TENANT, "pro", "free", LATER));
    }

    @Test
    void givenFreeTenant_whenPlanChangesToFree_thenNothingIsRecorded() {
        fixture.given(created("free"))
                .when(new ChangeTenantPlan(TENANT, "free", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenFreeTenant_whenPlanChangesToAnUnknownPlan_thenUnknownPlan() {
        fixture.given(created("free"))
                .when(new ChangeTenantPlan(TENANT, "platinum", LATER))
                .expectNoEvents()
                .expectException(rejection(UnknownPlan.class, "unknown-plan"))
                .expectExceptionMessage(containsString("'platinum'"));
    }

    private static TenantCreated created(String plan) {
        return new TenantCreated(TENANT, "acme-corp", OWNER, plan, NOW);
    }
}
