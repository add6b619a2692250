package dev.artifacta.command.apikeys;

import static dev.artifacta.command.shared.RejectionMatcher.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiKeyRenamed;
import dev.artifacta.events.ApiKeyRevoked;
import dev.artifacta.events.KeyIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofDays(3));
    private static final String TENANT = "tenant-acme";
    private static final String OTHER_TENANT = "tenant-globex";
    private static final String KEY_ID = "key-0001";
    private static final String NAME = "CI Pipeline";
    private static final KeyIdentity OWNER = KeyIdentity.user("owner@acme.test");
    private static final SecretDigest SECRET = new SecretDigest(
            "ak_live_Ab3d", "wX9z", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    private final FakeKeyAllowances allowances = new FakeKeyAllowances();
    private AggregateTestFixture<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
        fixture.registerInjectableResource(allowances);
    }

    // Creation

    @Test
    void givenNoKeys_whenKeyIsCreated_thenApiKeyCreatedWithSortedDistinctScopes() {
        fixture.givenNoPriorActivity()
                .when(create(List.of("audit:read", "artifacts:update", "artifacts:read", "audit:read")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ApiKeyCreated(
                        TENANT,
                        KEY_ID,
                        NAME,
                        null,
                        SECRET.prefix(),
                        SECRET.last4(),
                        SECRET.sha256(),
                        List.of("artifacts:read", "artifacts:update", "audit:read"),
                        OWNER,
                        null,
                        NOW));
    }

    @Test
    void whenKeyIsCreated_thenAllowanceIsReadForTheTenantTheNameAndTheCommandTime() {
        fixture.givenNoPriorActivity().when(create(List.of("artifacts:read"))).expectSuccessfulHandlerExecution();

        assertThat(allowances.requests).containsExactly(new AllowanceRequest(TENANT, NAME, NOW));
    }

    @Test
    void whenAgentKeyWithDescriptionAndExpiryIsCreated_thenEventCarriesThem() {
        KeyIdentity agent = KeyIdentity.agent("agent-1", "deploy-bot");
        Instant expiresAt = NOW.plus(Duration.ofDays(30));

        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(
                        KEY_ID,
                        TENANT,
                        NAME,
                        "Deploys from main",
                        SECRET,
                        List.of("artifacts:create"),
                        agent,
                        expiresAt,
                        NOW))
                .expectEvents(new ApiKeyCreated(
                        TENANT,
                        KEY_ID,
                        NAME,
                        "Deploys from main",
                        SECRET.prefix(),
                        SECRET.last4(),
                        SECRET.sha256(),
                        List.of("artifacts:create"),
                        agent,
                        expiresAt,
                        NOW));
    }

    @Test
    void whenScopeIsUnknown_thenUnknownScopeNamingIt() {
        fixture.givenNoPriorActivity()
                .when(create(List.of("artifacts:read", "artifacts:destroy")))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "unknown-scope"))
                .expectExceptionMessage(containsString("'artifacts:destroy'"));
    }

    @Test
    void whenScopesAreEmpty_thenInvalidScopes() {
        fixture.givenNoPriorActivity()
                .when(create(List.of()))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-scopes"));
    }

    @Test
    void whenScopesAreMissing_thenInvalidScopes() {
        fixture.givenNoPriorActivity()
                .when(create((List<String>) null))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-scopes"));
    }

    @Test
    void whenNameIsBlank_thenInvalidName() {
        fixture.givenNoPriorActivity()
                .when(createNamed("   "))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-api-key-name"));
    }

    @Test
    void whenNameIsMissing_thenInvalidName() {
        fixture.givenNoPriorActivity()
                .when(createNamed(null))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-api-key-name"));
    }

    @Test
    void whenNameHas101Characters_thenInvalidName() {
        fixture.givenNoPriorActivity()
                .when(createNamed("k".repeat(ApiKey.MAX_NAME_LENGTH + 1)))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-api-key-name"));
    }

    @Test
    void whenNameHas100Characters_thenKeyIsCreated() {
        String longest = "k".repeat(ApiKey.MAX_NAME_LENGTH);

        fixture.givenNoPriorActivity()
                .when(createNamed(longest))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(longest));
    }

    @Test
    void whenNameHasLeadingOrTrailingSpaces_thenInvalidName() {
        fixture.givenNoPriorActivity()
                .when(createNamed(" CI Pipeline "))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-api-key-name"));
    }

    @Test
    void whenDescriptionHas501Characters_thenInvalidDescription() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(
                        KEY_ID,
                        TENANT,
                        NAME,
                        "d".repeat(ApiKey.MAX_DESCRIPTION_LENGTH + 1),
                        SECRET,
                        List.of("artifacts:read"),
                        OWNER,
                        null,
                        NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-api-key-description"));
    }

    @Test
    void whenExpiryIsBeyondTheYear9999_thenInvalidExpiry() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(
                        KEY_ID,
                        TENANT,
                        NAME,
                        null,
                        SECRET,
                        List.of("artifacts:read"),
                        OWNER,
                        Instant.parse("+300000-01-01T00:00:00Z"),
                        NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-expiry"));
    }

    @Test
    void whenNameOrDescriptionContainsAnApiKey_thenRefusedBeforeItReachesAnEvent() {
        String pasted = "ak_live_" + "Zq8".repeat(10) + "Xy";
        fixture.givenNoPriorActivity()
                .when(createNamed("key " + pasted))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "secret-in-plain-text"));
        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(
                        KEY_ID, TENANT, NAME, "use " + pasted, SECRET, List.of("artifacts:read"), OWNER, null, NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "secret-in-plain-text"));
    }

    @Test
    void whenIdentityTypeIsNeitherUserNorAgent_thenInvalidIdentity() {
        fixture.givenNoPriorActivity()
                .when(createActingAs(new KeyIdentity("robot", "r2d2", null)))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-identity"))
                .expectExceptionMessage(containsString("'robot'"));
    }

    @Test
    void whenIdentityIsMissing_thenInvalidIdentity() {
        fixture.givenNoPriorActivity()
                .when(createActingAs(null))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-identity"));
    }

    @Test
    void whenAgentNameIsBlank_thenInvalidIdentity() {
        fixture.givenNoPriorActivity()
                .when(createActingAs(KeyIdentity.agent("agent-1", " ")))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-identity"));
    }

    @Test
    void whenExpiryIsNow_thenInvalidExpiry() {
        fixture.givenNoPriorActivity()
                .when(createExpiringAt(NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-expiry"));
    }

    @Test
    void whenExpiryIsInThePast_thenInvalidExpiry() {
        fixture.givenNoPriorActivity()
                .when(createExpiringAt(NOW.minusSeconds(1)))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-expiry"));
    }

    @Test
    void whenExpiryIsOneSecondAfterNow_thenKeyIsCreated() {
        Instant expiresAt = NOW.plusSeconds(1);

        fixture.givenNoPriorActivity()
                .when(createExpiringAt(expiresAt))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(NAME, expiresAt));
    }

    @Test
    void givenActiveKeyWithTheName_whenKeyIsCreated_thenNameTaken() {
        allowances.allowance = new KeyAllowance("free", 10, 1, true);

        fixture.givenNoPriorActivity()
                .when(create(List.of("artifacts:read")))
                .expectNoEvents()
                .expectException(rejection(ApiKeyNameTaken.class, "api-key-name-taken"))
                .expectExceptionMessage(containsString("'" + NAME + "'"));
    }

    @Test
    void givenFreePlan_whenEleventhKeyIsCreated_thenConflict() {
        allowances.allowance = new KeyAllowance("free", 10, 10, false);

        fixture.givenNoPriorActivity()
                .when(create(List.of("artifacts:read")))
                .expectNoEvents()
                .expectException(rejection(
                        ApiKeyLimitReached.class, "api-key-limit-reached", Map.of("plan", "free", "limit", 10)));
    }

    @Test
    void givenFreePlanWithNineActiveKeys_whenTenthKeyIsCreated_thenCreated() {
        allowances.allowance = new KeyAllowance("free", 10, 9, false);

        fixture.givenNoPriorActivity()
                .when(createNamed(NAME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(NAME));
    }

    @Test
    void givenInvalidRequest_whenLimitIsAlsoReached_thenInvalidRequestIsReportedFirst() {
        allowances.allowance = new KeyAllowance("free", 10, 10, true);

        fixture.givenNoPriorActivity()
                .when(createExpiringAt(NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-expiry"));
    }

    // Revocation

    @Test
    void givenActiveKey_whenRevoked_thenApiKeyRevokedCarriesTheName() {
        fixture.given(created(NAME))
                .when(new RevokeApiKey(KEY_ID, TENANT, LATER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ApiKeyRevoked(TENANT, KEY_ID, NAME, LATER));
    }

    @Test
    void givenRevokedKey_whenRevokedAgain_thenAlreadyRevoked() {
        fixture.given(created(NAME), new ApiKeyRevoked(TENANT, KEY_ID, NAME, LATER))
                .when(new RevokeApiKey(KEY_ID, TENANT, LATER.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejection(ApiKeyAlreadyRevoked.class, "api-key-already-revoked"));
    }

    @Test
    void givenActiveKey_whenAnotherTenantRevokesIt_thenNotFoundAndNothingHappens() {
        fixture.given(created(NAME))
                .when(new RevokeApiKey(KEY_ID, OTHER_TENANT, LATER))
                .expectNoEvents()
                .expectException(rejection(ApiKeyNotFound.class, "api-key-not-found"));
    }

    @Test
    void givenRevokedKey_whenAnotherTenantRevokesIt_thenNotFoundRatherThanAlreadyRevoked() {
        fixture.given(created(NAME), new ApiKeyRevoked(TENANT, KEY_ID, NAME, LATER))
                .when(new RevokeApiKey(KEY_ID, OTHER_TENANT, LATER.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejection(ApiKeyNotFound.class, "api-key-not-found"));
    }

    private static CreateApiKey create(List<String> scopes) {
        return new CreateApiKey(KEY_ID, TENANT, NAME, null, SECRET, scopes, OWNER, null, NOW);
    }

    private static CreateApiKey createNamed(String name) {
        return new CreateApiKey(KEY_ID, TENANT, name, null, SECRET, List.of("artifacts:read"), OWNER, null, NOW);
    }

    private static CreateApiKey createActingAs(KeyIdentity identity) {
        return new CreateApiKey(KEY_ID, TENANT, NAME, null, SECRET, List.of("artifacts:read"), identity, null, NOW);
    }

    private static CreateApiKey createExpiringAt(Instant expiresAt) {
        return new CreateApiKey(KEY_ID, TENANT, NAME, null, SECRET, List.of("artifacts:read"), OWNER, expiresAt, NOW);
    }

    private static ApiKeyCreated created(String name) {
        return created(name, null);
    }

    private static ApiKeyCreated created(String name, Instant expiresAt) {
        return new ApiKeyCreated(
                TENANT,
                KEY_ID,
                name,
                null,
                SECRET.prefix(),
                SECRET.last4(),
                SECRET.sha256(),
                List.of("artifacts:read"),
                OWNER,
                expiresAt,
                NOW);
    }

    private record AllowanceRequest(String tenantId, String keyName, Instant now) {}

    /** Answers with a configurable allowance and remembers what it was asked. */
    @Test
    void givenActiveKey_whenRenamed_thenApiKeyRenamedWithBothNames() {
        fixture.given(created(NAME))
                .when(new RenameApiKey(KEY_ID, TENANT, "Release Pipeline", LATER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ApiKeyRenamed(TENANT, KEY_ID, NAME, "Release Pipeline", LATER));
        assertThat(allowances.requests).containsExactly(new AllowanceRequest(TENANT, "Release Pipeline", LATER));
    }

    @Test
    void givenRenamedKey_whenRevoked_thenRevocationCarriesTheNewName() {
        fixture.given(created(NAME), new ApiKeyRenamed(TENANT, KEY_ID, NAME, "Release Pipeline", LATER))
                .when(new RevokeApiKey(KEY_ID, TENANT, LATER.plusSeconds(60)))
                .expectEvents(new ApiKeyRevoked(TENANT, KEY_ID, "Release Pipeline", LATER.plusSeconds(60)));
    }

    @Test
    void givenActiveKey_whenRenamedToItsOwnName_thenNothingHappens() {
        fixture.given(created(NAME))
                .when(new RenameApiKey(KEY_ID, TENANT, NAME, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenNameTakenByAnotherActiveKey_whenRenamed_thenNameTaken() {
        allowances.allowance = new KeyAllowance("free", 10, 2, true);
        fixture.given(created(NAME))
                .when(new RenameApiKey(KEY_ID, TENANT, "Taken", LATER))
                .expectNoEvents()
                .expectException(rejection(ApiKeyNameTaken.class, "api-key-name-taken"));
    }

    @Test
    void givenRevokedKey_whenRenamed_thenAlreadyRevoked() {
        fixture.given(created(NAME), new ApiKeyRevoked(TENANT, KEY_ID, NAME, LATER))
                .when(new RenameApiKey(KEY_ID, TENANT, "Other", LATER.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejection(ApiKeyAlreadyRevoked.class, "api-key-already-revoked"));
    }

    @Test
    void givenKeyOfAnotherTenant_whenRenamed_thenNotFound() {
        fixture.given(created(NAME))
                .when(new RenameApiKey(KEY_ID, OTHER_TENANT, "Other", LATER))
                .expectNoEvents()
                .expectException(rejection(ApiKeyNotFound.class, "api-key-not-found"));
    }

    @Test
    void whenRenamedToABlankOrPaddedName_thenInvalidName() {
        fixture.given(created(NAME))
                .when(new RenameApiKey(KEY_ID, TENANT, " padded ", LATER))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-api-key-name"));
    }

    private static final class FakeKeyAllowances implements KeyAllowances {

        private final List<AllowanceRequest> requests = new ArrayList<>();
        private KeyAllowance allowance = KeyAllowance.forNewTenant("free", 10);

        @Override
        public KeyAllowance allowanceFor(String tenantId, String keyName, Instant now) {
            requests.add(new AllowanceRequest(tenantId, keyName, now));
            return allowance;
        }
    }
}
