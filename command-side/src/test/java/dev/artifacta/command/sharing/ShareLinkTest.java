package dev.artifacta.command.sharing;

import static dev.artifacta.command.shared.RejectionMatcher.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.command.apikeys.SecretDigest;
import dev.artifacta.command.artifacts.ArtifactNotFound;
import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.command.plans.PlanUpgradeRequired;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.ShareLinkCreated;
import dev.artifacta.events.ShareLinkRevoked;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShareLinkTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TENANT = "tenant-acme";
    private static final String OTHER_TENANT = "tenant-globex";
    private static final String LINK_ID = "link-0001";
    private static final String ARTIFACT_ID = "artifact-0001";
    private static final SecretDigest TOKEN = new SecretDigest(
            "sl_live_Ab3d", "wX9z", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    private static final PlanFeatures FREE = new PlanFeatures("free", false, false, false, false, 1L << 30, 30, "pro");
    private static final PlanFeatures PRO = new PlanFeatures("pro", true, true, true, true, 100L << 30, 365, "pro");

    /** Records what was asked and refuses artifacts it was told are missing. */
    private static final class FakeShareableArtifacts implements ShareableArtifacts {
        final List<String> asked = new ArrayList<>();
        boolean missing;

        @Override
        public void requireShareable(String artifactId, String tenantId) {
            asked.add(artifactId + "@" + tenantId);
            if (missing) {
                throw new ArtifactNotFound(artifactId);
            }
        }
    }

    private final FakeShareableArtifacts artifacts = new FakeShareableArtifacts();
    private AggregateTestFixture<ShareLink> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ShareLink.class);
        fixture.registerInjectableResource(artifacts);
    }

    @Test
    void givenProPlan_whenViewerLinkIsCreated_thenShareLinkCreatedWithTheTokenDigestOnly() {
        Instant expiresAt = NOW.plus(Duration.ofDays(30));

        fixture.givenNoPriorActivity()
                .when(create("viewer", expiresAt, PRO))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ShareLinkCreated(
                        TENANT, LINK_ID, ARTIFACT_ID, "viewer", TOKEN.sha256(), TOKEN.prefix(), expiresAt, NOW));

        assertThat(artifacts.asked).containsExactly(ARTIFACT_ID + "@" + TENANT);
    }

    @Test
    void givenProPlan_whenEditorLinkWithoutExpiryIsCreated_thenItNeverExpires() {
        fixture.givenNoPriorActivity()
                .when(create("editor", null, PRO))
                .expectEvents(new ShareLinkCreated(
                        TENANT, LINK_ID, ARTIFACT_ID, "editor", TOKEN.sha256(), TOKEN.prefix(), null, NOW));
    }

    @Test
    void givenFreePlan_whenLinkIsCreated_thenPlanUpgradeRequiredAndTheArtifactIsNotEvenAsked() {
        fixture.givenNoPriorActivity()
                .when(create("viewer", null, FREE))
                .expectNoEvents()
                .expectException(rejection(PlanUpgradeRequired.class, "plan-upgrade-required"));

        assertThat(artifacts.asked).isEmpty();
    }

    @Test
    void whenRoleIsNeitherViewerNorEditor_thenInvalidRole() {
        for (String role : new String[] {"owner", "admin", "", "VIEWER"}) {
            fixture.givenNoPriorActivity()
                    .when(create(role, null, PRO))
                    .expectNoEvents()
                    .expectException(rejection(InvalidRequest.class, "invalid-role"));
        }
    }

    @Test
    void whenExpiryIsNotInTheFuture_thenInvalidExpiry() {
        fixture.givenNoPriorActivity()
                .when(create("viewer", NOW, PRO))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-expiry"));
    }

    @Test
    void whenExpiryIsBeyondTheYear9999_thenInvalidExpiry() {
        fixture.givenNoPriorActivity()
                .when(create("viewer", Instant.parse("+20000-01-01T00:00:00Z"), PRO))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-expiry"));
    }

    @Test
    void givenMissingOrDeletedArtifact_whenLinkIsCreated_thenArtifactNotFound() {
        artifacts.missing = true;

        fixture.givenNoPriorActivity()
                .when(create("viewer", null, PRO))
                .expectNoEvents()
                .expectException(rejection(ArtifactNotFound.class, "artifact-not-found"));
    }

    @Test
    void givenLink_whenRevoked_thenShareLinkRevoked() {
        fixture.given(created())
                .when(new RevokeShareLink(LINK_ID, TENANT, NOW.plusSeconds(60)))
                .expectEvents(new ShareLinkRevoked(TENANT, LINK_ID, ARTIFACT_ID, NOW.plusSeconds(60)));
    }

    @Test
    void givenRevokedLink_whenRevokedAgain_thenAlreadyRevoked() {
        fixture.given(created(), new ShareLinkRevoked(TENANT, LINK_ID, ARTIFACT_ID, NOW))
                .when(new RevokeShareLink(LINK_ID, TENANT, NOW.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejection(ShareLinkAlreadyRevoked.class, "share-link-already-revoked"));
    }

    @Test
    void givenAnotherTenantsLink_whenRevoked_thenNotFoundAndNothingChanges() {
        fixture.given(created())
                .when(new RevokeShareLink(LINK_ID, OTHER_TENANT, NOW))
                .expectNoEvents()
                .expectException(rejection(ShareLinkNotFound.class, "share-link-not-found"));
    }

    private static CreateShareLink create(String role, Instant expiresAt, PlanFeatures plan) {
        return new CreateShareLink(LINK_ID, TENANT, ARTIFACT_ID, role, TOKEN, expiresAt, plan, NOW);
    }

    private static ShareLinkCreated created() {
        return new ShareLinkCreated(TENANT, LINK_ID, ARTIFACT_ID, "viewer", TOKEN.sha256(), TOKEN.prefix(), null, NOW);
    }
}
