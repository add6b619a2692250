package dev.artifacta.query.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.artifacta.events.AccessDenied;
import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiKeyRevoked;
import dev.artifacta.events.ArtifactaEvent;
import dev.artifacta.events.EventJson;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.TenantPlanChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditActionTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String TENANT = "tenant-acme";
    private static final String KEY_ID = "key-0001";
    private static final String SECRET_SHA256 = "b3410e7bc17b5c27ac574b083e4422bb1c9f4df642c32062e9dfbaefc46f3f5d";

    @Test
    void accessDeniedNamesTheOperationTheReasonAndTheProblem() {
        AuditAction action = AuditAction.of(new AccessDenied(
                TENANT, "DELETE /v1/api-keys/{id}", "api_key", KEY_ID, "scope", "insufficient-scope", NOW));

        assertThat(action.action()).isEqualTo("access.denied");
        assertThat(action.resourceType()).isEqualTo("api_key");
        assertThat(action.resourceId()).isEqualTo(KEY_ID);
        assertThat(action.details())
                .containsExactly(
                        entry("operation", "DELETE /v1/api-keys/{id}"),
                        entry("reason", "scope"),
                        entry("problem", "insufficient-scope"));
        assertThat(AuditAction.NAMES).contains(action.action());
    }

    @Test
    void everyActionNameIsInTheCatalogOnce() {
        assertThat(AuditAction.NAMES).doesNotHaveDuplicates().hasSize(concreteEvents(ArtifactaEvent.class));
        assertThat(List.of(
                        AuditAction.of(new TenantCreated(TENANT, "acme-corp", "owner@acme.test", "free", NOW))
                                .action(),
                        AuditAction.of(new TenantPlanChanged(TENANT, "free", "pro", NOW))
                                .action(),
                        AuditAction.of(keyCreated(null)).action()))
                .allSatisfy(name -> assertThat(AuditAction.NAMES).contains(name));
    }

    // One action per concrete event.
    private static int concreteEvents(Class<?> type) {
        if (!type.isSealed()) {
            return 1;
        }
        int count = 0;
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            count += concreteEvents(permitted);
        }
        return count;
    }

    @Test
    void tenantCreatedIsTenantCreatedOnTheTenant() {
        AuditAction action = AuditAction.of(new TenantCreated(TENANT, "acme-corp", "owner@acme.test", "free", NOW));

        assertThat(action.action()).isEqualTo("tenant.created");
        assertThat(action.resourceType()).isEqualTo("tenant");
        assertThat(action.resourceId()).isEqualTo(TENANT);
        assertThat(action.details()).containsExactly(entry("name", "acme-corp"), entry("plan", "free"));
    }

    @Test
    void tenantPlanChangedNamesBothPlans() {
        AuditAction action = AuditAction.of(new TenantPlanChanged(TENANT, "free", "pro", NOW));

        assertThat(action.action()).isEqualTo("tenant.plan_changed");
        assertThat(action.resourceType()).isEqualTo("tenant");
        assertThat(action.resourceId()).isEqualTo(TENANT);
        assertThat(action.details()).containsExactly(entry("previousPlan", "free"), entry("plan", "pro"));
    }

    @Test
    void apiKeyCreatedDescribesTheKeyButNotItsHash() {
        AuditAction action = AuditAction.of(keyCreated(Instant.parse("2026-03-01T00:00:00Z")));

        assertThat(action.action()).isEqualTo("api_key.created");
        assertThat(action.resourceType()).isEqualTo("api_key");
        assertThat(action.resourceId()).isEqualTo(KEY_ID);
        assertThat(action.details())
                .containsExactly(
                        entry("name", "CI Pipeline"),
                        entry("prefix", "ak_live_Ab3d"),
                        entry("scopes", List.of("artifacts:create", "artifacts:read")),
                        entry("identity", "agent:deploy-bot"),
                        entry("expiresAt", "2026-03-01T00:00:00Z"));
    }

    @Test
    void apiKeyCreatedWithoutExpiryLeavesExpiryOut() {
        AuditAction action = AuditAction.of(keyCreated(null));

        assertThat(action.details()).doesNotContainKey("expiresAt").doesNotContainValue(null);
    }

    @Test
    void apiKeyCreatedDetailsNeverContainTheSecretHash() throws Exception {
        AuditAction action = AuditAction.of(keyCreated(null));

        assertThat(action.details()).doesNotContainKey("secretSha256").doesNotContainValue(SECRET_SHA256);
        // What the projection stores: the JSON of the details.
        assertThat(EventJson.objectMapper().writeValueAsString(action.details()))
                .doesNotContain(SECRET_SHA256);
    }

    @Test
    void apiKeyRevokedNamesTheKey() {
        AuditAction action = AuditAction.of(new ApiKeyRevoked(TENANT, KEY_ID, "CI Pipeline", NOW));

        assertThat(action.action()).isEqualTo("api_key.revoked");
        assertThat(action.resourceType()).isEqualTo("api_key");
        assertThat(action.resourceId()).isEqualTo(KEY_ID);
        assertThat(action.details()).containsExactly(entry("name", "CI Pipeline"));
    }

    private static ApiKeyCreated keyCreated(Instant expiresAt) {
        return new ApiKeyCreated(
                TENANT,
                KEY_ID,
                "CI Pipeline",
                "Deploys from main",
                "ak_live_Ab3d",
                "Cd4f",
                SECRET_SHA256,
                List.of("artifacts:create", "artifacts:read"),
                KeyIdentity.agent("agent-1", "deploy-bot"),
                expiresAt,
                NOW);
    }
}
