package dev.artifacta.command.artifacts;

import static dev.artifacta.command.shared.RejectionMatcher.rejection;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.command.plans.PlanUpgradeRequired;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.ArtifactAccessUpdated;
import dev.artifacta.events.ArtifactCreated;
import dev.artifacta.events.ArtifactDeleted;
import dev.artifacta.events.ArtifactRestored;
import dev.artifacta.events.ArtifactVersionAppended;
import dev.artifacta.events.ContentRef;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactTest {

    // Event times are fixed: the aggregate compares them with the command's `now`, never the clock.
    private static final Instant CREATED_AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant V2_AT = CREATED_AT.plus(Duration.ofDays(1));
    private static final Instant V3_AT = CREATED_AT.plus(Duration.ofDays(2));
    private static final Instant NOW = CREATED_AT.plus(Duration.ofDays(10));

    private static final String TENANT = "tenant-acme";
    private static final String OTHER_TENANT = "tenant-globex";
    private static final String ARTIFACT_ID = "artifact-0001";
    private static final String PROJECT_ID = "project-0001";
    private static final String TITLE = "Release notes";

    private static final PlanFeatures FREE = new PlanFeatures("free", false, false, false, false, 1L << 30, 30, "pro");
    private static final PlanFeatures PRO = new PlanFeatures("pro", true, true, true, true, 100L << 30, 365, "pro");

    private static final NewContent V1 =
            new NewContent("# Release notes\n\nFirst draft.\n".getBytes(UTF_8), "text/markdown", "notes.md");
    private static final NewContent V2 =
            new NewContent("# Release notes\n\nSecond draft.\n".getBytes(UTF_8), "text/markdown", "notes.md");
    private static final NewContent V3 =
            new NewContent("# Release notes\n\nThird draft.\n".getBytes(UTF_8), "text/markdown", "notes.md");
    private static final ContentRef V1_REF = new ContentRef(
            "3be6909d15bb6d3c59cc756f33e0f224b58ab2246c860b2eb0360ad82c95aeaf", 30, "text/markdown", "notes.md");
    private static final ContentRef V2_REF = new ContentRef(
            "d1b90c047c920e8817d9d5b76bb631049513c4e52b15d6516387ac9e8e926a40", 31, "text/markdown", "notes.md");
    private static final ContentRef V3_REF = new ContentRef(
            "6f2b9963eff5fe12d8e74651b2c0fe44fc565d47804c5241773c5c4cd7eabb68", 30, "text/markdown", "notes.md");

    private static final String PASTED_KEY = "ak_live_" + "Zq8".repeat(10) + "Xy";

    private final FakeContentStore store = new FakeContentStore();
    private AggregateTestFixture<Artifact> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Artifact.class);
        fixture.registerInjectableResource(store);
    }

    // Creation

    @Test
    void whenPublicArtifactIsCreated_thenArtifactCreatedWithTheStoredContentAndPublicView() {
        fixture.givenNoPriorActivity()
                .when(create(TITLE, V1, false, FREE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactCreated(TENANT, ARTIFACT_ID, PROJECT_ID, TITLE, V1_REF, true, CREATED_AT));
    }

    @Test
    void whenArtifactIsCreated_thenContentIsStoredOnceForTheTenantWithinThePlansQuota() {
        fixture.givenNoPriorActivity().when(create(TITLE, V1, false, FREE)).expectSuccessfulHandlerExecution();

        assertThat(store.calls).containsExactly(new StoreCall(TENANT, V1, FREE.storageBytes()));
    }

    @Test
    void givenPlanWithPrivateArtifacts_whenPrivateArtifactIsCreated_thenNotPubliclyViewable() {
        fixture.givenNoPriorActivity()
                .when(create(TITLE, V1, true, PRO))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactCreated(TENANT, ARTIFACT_ID, PROJECT_ID, TITLE, V1_REF, false, CREATED_AT));
    }

    @Test
    void givenFreePlan_whenPrivateArtifactIsCreated_thenPlanUpgradeRequiredAndNothingIsStored() {
        fixture.givenNoPriorActivity()
                .when(create(TITLE, V1, true, FREE))
                .expectNoEvents()
                .expectException(rejection(
                        PlanUpgradeRequired.class,
                        "plan-upgrade-required",
                        Map.of("feature", "private artifacts", "plan", "free", "requiredPlan", "pro")));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void whenTitleHas200Characters_thenArtifactCreated() {
        String longest = "t".repeat(Artifact.MAX_TITLE_LENGTH);

        fixture.givenNoPriorActivity()
                .when(create(longest, V1, false, FREE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactCreated(TENANT, ARTIFACT_ID, PROJECT_ID, longest, V1_REF, true, CREATED_AT));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", " Release notes", "Release notes "})
    void whenTitleIsMissingBlankOrPadded_thenInvalidTitleAndNothingIsStored(String title) {
        fixture.givenNoPriorActivity()
                .when(create(title, V1, false, FREE))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-title"));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void whenTitleHas201Characters_thenInvalidTitle() {
        fixture.givenNoPriorActivity()
                .when(create("t".repeat(Artifact.MAX_TITLE_LENGTH + 1), V1, false, FREE))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-title"));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void whenTitleContainsAnApiKey_thenRefusedBeforeItIsStored() {
        fixture.givenNoPriorActivity()
                .when(create("Notes " + PASTED_KEY, V1, false, FREE))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "secret-in-plain-text"));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void whenFileNameContainsAnApiKey_thenRefusedBeforeItIsStored() {
        fixture.givenNoPriorActivity()
                .when(create(TITLE, new NewContent(V1.bytes(), "text/plain", PASTED_KEY + ".txt"), false, FREE))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "secret-in-plain-text"));

        assertThat(store.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "a b/c", "", "/markdown", "text/", "text/markdown; charset"})
    void whenContentTypeIsNotAMediaType_thenInvalidContentTypeAndNothingIsStored(String contentType) {
        fixture.givenNoPriorActivity()
                .when(create(TITLE, new NewContent(V1.bytes(), contentType, null), false, FREE))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-content-type"));

        assertThat(store.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/markdown; charset=utf-8", "application/vnd.api+json", "image/svg+xml"})
    void whenContentTypeIsAMediaType_thenArtifactCreatedWithIt(String contentType) {
        NewContent content = new NewContent(V1.bytes(), contentType, null);

        fixture.givenNoPriorActivity()
                .when(create(TITLE, content, false, FREE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactCreated(
                        TENANT,
                        ARTIFACT_ID,
                        PROJECT_ID,
                        TITLE,
                        new ContentRef(V1_REF.sha256(), V1_REF.size(), contentType, null),
                        true,
                        CREATED_AT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/notes.md", "/notes.md", " ", ""})
    void whenFileNameHasASlashOrIsBlank_thenInvalidFileNameAndNothingIsStored(String fileName) {
        fixture.givenNoPriorActivity()
                .when(create(TITLE, new NewContent(V1.bytes(), "text/markdown", fileName), false, FREE))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-file-name"));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void whenFileNameHas256Characters_thenInvalidFileName() {
        fixture.givenNoPriorActivity()
                .when(create(TITLE, new NewContent(V1.bytes(), "text/markdown", "f".repeat(256)), false, FREE))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-file-name"));
    }

    @Test
    void givenQuotaIsExhausted_whenArtifactIsCreated_thenStorageQuotaExceededAndNothingHappens() {
        store.refusal = new StorageQuotaExceeded(FREE.storageBytes(), FREE.storageBytes() - 10, V1.bytes().length);

        fixture.givenNoPriorActivity()
                .when(create(TITLE, V1, false, FREE))
                .expectNoEvents()
                .expectException(rejection(
                        StorageQuotaExceeded.class,
                        "storage-quota-exceeded",
                        Map.of("limitBytes", FREE.storageBytes(), "usedBytes", FREE.storageBytes() - 10)));
    }

    // Appending

    @Test
    void givenNewArtifact_whenVersionIsAppended_thenVersion2IsAppendedAndAnswered() {
        fixture.given(created())
                .when(append(V2, null, V2_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactVersionAppended(TENANT, ARTIFACT_ID, 2, V2_REF, V2_AT))
                .expectResultMessagePayload(new AppendedVersion(2, V2_REF));
    }

    @Test
    void whenVersionIsAppended_thenContentIsStoredForTheArtifactsTenantWithinThePlansQuota() {
        fixture.given(created()).when(append(V2, null, V2_AT)).expectSuccessfulHandlerExecution();

        assertThat(store.calls).containsExactly(new StoreCall(TENANT, V2, PRO.storageBytes()));
    }

    @Test
    void givenHeadIsARestoredVersion_whenVersionIsAppended_thenItFollowsTheRestoredOne() {
        fixture.given(
                        created(),
                        appended(2, V2_REF, V2_AT),
                        new ArtifactRestored(TENANT, ARTIFACT_ID, 3, 1, V1_REF, V3_AT))
                .when(append(V3, null, NOW))
                .expectEvents(new ArtifactVersionAppended(TENANT, ARTIFACT_ID, 4, V3_REF, NOW))
                .expectResultMessagePayload(new AppendedVersion(4, V3_REF));
    }

    @Test
    void givenAMarkdownFile_whenAVersionLeavesTypeAndFileNameOpen_thenItKeepsTheHeads() {
        NewContent untyped = new NewContent(V2.bytes(), null, null);

        fixture.given(created())
                .when(append(untyped, null, V2_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactVersionAppended(TENANT, ARTIFACT_ID, 2, V2_REF, V2_AT))
                .expectResultMessagePayload(new AppendedVersion(2, V2_REF));

        assertThat(store.calls).containsExactly(new StoreCall(TENANT, V2, PRO.storageBytes()));
    }

    @Test
    void givenAVersionNamingOnlyItsType_whenAppended_thenTheFileNameIsTheHeads_andTheOtherWayRound() {
        NewContent plain = new NewContent(V2.bytes(), "text/plain", null);
        NewContent renamed = new NewContent(V3.bytes(), null, "release.md");

        fixture.given(created())
                .when(append(plain, null, V2_AT))
                .expectEvents(new ArtifactVersionAppended(
                        TENANT,
                        ARTIFACT_ID,
                        2,
                        new ContentRef(V2_REF.sha256(), V2_REF.size(), "text/plain", "notes.md"),
                        V2_AT));
        fixture.given(created())
                .when(append(renamed, null, V3_AT))
                .expectEvents(new ArtifactVersionAppended(
                        TENANT,
                        ARTIFACT_ID,
                        2,
                        new ContentRef(V3_REF.sha256(), V3_REF.size(), "text/markdown", "release.md"),
                        V3_AT));
    }

    @Test
    void givenARestoredHead_whenAVersionLeavesTypeAndFileNameOpen_thenItKeepsTheRestoredOnes() {
        ContentRef csv = new ContentRef(V2_REF.sha256(), V2_REF.size(), "text/csv", "table.csv");

        fixture.given(
                        created(),
                        appended(2, csv, V2_AT),
                        new ArtifactRestored(TENANT, ARTIFACT_ID, 3, 1, V1_REF, V3_AT))
                .when(append(new NewContent(V3.bytes(), null, null), null, NOW))
                .expectEvents(new ArtifactVersionAppended(TENANT, ARTIFACT_ID, 4, V3_REF, NOW));
    }

    @Test
    void givenHeadIsVersion2_whenAppendedExpectingVersion2_thenVersion3() {
        fixture.given(created(), appended(2, V2_REF, V2_AT))
                .when(append(V3, 2L, V3_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactVersionAppended(TENANT, ARTIFACT_ID, 3, V3_REF, V3_AT))
                .expectResultMessagePayload(new AppendedVersion(3, V3_REF));
    }

    @Test
    void givenHeadIsVersion2_whenAppendedExpectingVersion1_thenVersionMismatchAndNothingIsStored() {
        fixture.given(created(), appended(2, V2_REF, V2_AT))
                .when(append(V3, 1L, V3_AT))
                .expectNoEvents()
                .expectException(rejection(
                        VersionMismatch.class, "version-mismatch", Map.of("expectedVersion", 1L, "headVersion", 2L)));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void givenArtifactOfAnotherTenant_whenVersionIsAppended_thenNotFoundAndNothingIsStored() {
        fixture.given(created())
                .when(new AppendArtifactVersion(ARTIFACT_ID, OTHER_TENANT, V2, null, PRO, V2_AT))
                .expectNoEvents()
                .expectException(rejection(ArtifactNotFound.class, "artifact-not-found"));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void givenDeletedArtifact_whenVersionIsAppended_thenNotFoundAndNothingIsStored() {
        fixture.given(created(), new ArtifactDeleted(TENANT, ARTIFACT_ID, V2_AT))
                .when(append(V2, null, V3_AT))
                .expectNoEvents()
                .expectException(rejection(ArtifactNotFound.class, "artifact-not-found"));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void givenQuotaIsExhausted_whenVersionIsAppended_thenStorageQuotaExceededAndNoEvents() {
        store.refusal = new StorageQuotaExceeded(PRO.storageBytes(), PRO.storageBytes(), V2.bytes().length);

        fixture.given(created())
                .when(append(V2, null, V2_AT))
                .expectNoEvents()
                .expectException(rejection(StorageQuotaExceeded.class, "storage-quota-exceeded"));
    }

    @Test
    void whenAppendedContentTypeIsNotAMediaType_thenInvalidContentTypeAndNothingIsStored() {
        fixture.given(created())
                .when(append(new NewContent(V2.bytes(), "text", null), null, V2_AT))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-content-type"));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void whenAppendedFileNameHasASlash_thenInvalidFileName() {
        fixture.given(created())
                .when(append(new NewContent(V2.bytes(), "text/markdown", "a/b.md"), null, V2_AT))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-file-name"));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void whenAppendedFileNameContainsAnApiKey_thenRefusedBeforeItIsStored() {
        fixture.given(created())
                .when(append(new NewContent(V2.bytes(), "text/plain", PASTED_KEY), null, V2_AT))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "secret-in-plain-text"));

        assertThat(store.calls).isEmpty();
    }

    @Test
    void whenContentHoldsAnApiKey_thenCreatingAndAppendingAreRefusedBeforeItIsStored() {
        byte[] pasted = ("export TOKEN=" + PASTED_KEY + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        fixture.givenNoPriorActivity()
                .when(create(TITLE, new NewContent(pasted, "text/plain", null), false, FREE))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "secret-in-content"));
        fixture.given(created())
                .when(append(new NewContent(pasted, "text/plain", null), null, V2_AT))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "secret-in-content"));

        assertThat(store.calls).isEmpty();
    }

    // Restoring

    @Test
    void givenThreeVersions_whenVersion1IsRestored_thenVersion4WithVersion1sContent() {
        fixture.given(threeVersions())
                .when(restore(1, null, FREE, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactRestored(TENANT, ARTIFACT_ID, 4, 1, V1_REF, NOW))
                .expectResultMessagePayload(4L);
    }

    @Test
    void givenVersion3RestoredFromVersion1_whenVersion3IsRestoredLater_thenItCarriesVersion1sContent() {
        fixture.given(
                        created(),
                        appended(2, V2_REF, V2_AT),
                        new ArtifactRestored(TENANT, ARTIFACT_ID, 3, 1, V1_REF, V3_AT),
                        appended(4, V2_REF, NOW))
                .when(restore(3, null, PRO, NOW.plusSeconds(60)))
                .expectEvents(new ArtifactRestored(TENANT, ARTIFACT_ID, 5, 3, V1_REF, NOW.plusSeconds(60)));
    }

    @Test
    void givenThreeVersions_whenRestoredExpectingTheHead_thenRestored() {
        fixture.given(threeVersions())
                .when(restore(2, 3L, FREE, NOW))
                .expectEvents(new ArtifactRestored(TENANT, ARTIFACT_ID, 4, 2, V2_REF, NOW));
    }

    @Test
    void givenThreeVersions_whenRestoredExpectingAnOlderHead_thenVersionMismatch() {
        fixture.given(threeVersions())
                .when(restore(1, 2L, FREE, NOW))
                .expectNoEvents()
                .expectException(rejection(
                        VersionMismatch.class, "version-mismatch", Map.of("expectedVersion", 2L, "headVersion", 3L)));
    }

    @Test
    void givenThreeVersions_whenTheHeadIsRestored_thenRestoreOfHead() {
        fixture.given(threeVersions())
                .when(restore(3, null, FREE, NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "restore-of-head"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 4, 99, -1})
    void givenThreeVersions_whenAMissingVersionIsRestored_thenVersionNotFound(long version) {
        fixture.given(threeVersions())
                .when(restore(version, null, PRO, NOW))
                .expectNoEvents()
                .expectException(rejection(VersionNotFound.class, "version-not-found"));
    }

    @Test
    void givenFreePlan_whenVersionOlderThan30DaysIsRestored_thenVersionNotFound() {
        Instant justPastTheWindow =
                CREATED_AT.plus(Duration.ofDays(FREE.versionHistoryDays())).plusSeconds(1);

        fixture.given(threeVersions())
                .when(restore(1, null, FREE, justPastTheWindow))
                .expectNoEvents()
                .expectException(rejection(VersionNotFound.class, "version-not-found"));
    }

    @Test
    void givenFreePlan_whenVersionExactly30DaysOldIsRestored_thenRestored() {
        Instant endOfTheWindow = CREATED_AT.plus(Duration.ofDays(FREE.versionHistoryDays()));

        fixture.given(threeVersions())
                .when(restore(1, null, FREE, endOfTheWindow))
                .expectEvents(new ArtifactRestored(TENANT, ARTIFACT_ID, 4, 1, V1_REF, endOfTheWindow));
    }

    @Test
    void givenProPlan_whenVersion31DaysOldIsRestored_thenRestored() {
        Instant later = CREATED_AT.plus(Duration.ofDays(31));

        fixture.given(threeVersions())
                .when(restore(1, null, PRO, later))
                .expectEvents(new ArtifactRestored(TENANT, ARTIFACT_ID, 4, 1, V1_REF, later));
    }

    @Test
    void givenHeadOlderThanTheWindow_whenTheHeadIsRestored_thenRestoreOfHeadRatherThanVersionNotFound() {
        fixture.given(threeVersions())
                .when(restore(3, null, FREE, V3_AT.plus(Duration.ofDays(400))))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "restore-of-head"));
    }

    @Test
    void givenArtifactOfAnotherTenant_whenVersionIsRestored_thenNotFound() {
        fixture.given(threeVersions())
                .when(new RestoreArtifactVersion(ARTIFACT_ID, OTHER_TENANT, 1, null, PRO, NOW))
                .expectNoEvents()
                .expectException(rejection(ArtifactNotFound.class, "artifact-not-found"));
    }

    @Test
    void givenDeletedArtifact_whenVersionIsRestored_thenNotFound() {
        fixture.given(created(), appended(2, V2_REF, V2_AT), new ArtifactDeleted(TENANT, ARTIFACT_ID, V3_AT))
                .when(restore(1, null, PRO, NOW))
                .expectNoEvents()
                .expectException(rejection(ArtifactNotFound.class, "artifact-not-found"));
    }

    // Deleting

    @Test
    void givenArtifact_whenDeleted_thenArtifactDeleted() {
        fixture.given(created())
                .when(new DeleteArtifact(ARTIFACT_ID, TENANT, null, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactDeleted(TENANT, ARTIFACT_ID, NOW));
    }

    @Test
    void givenDeletedArtifact_whenDeletedAgain_thenNotFound() {
        fixture.given(created(), new ArtifactDeleted(TENANT, ARTIFACT_ID, NOW))
                .when(new DeleteArtifact(ARTIFACT_ID, TENANT, null, NOW.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejection(ArtifactNotFound.class, "artifact-not-found"));
    }

    @Test
    void givenArtifactOfAnotherTenant_whenDeleted_thenNotFoundAndNothingHappens() {
        fixture.given(created())
                .when(new DeleteArtifact(ARTIFACT_ID, OTHER_TENANT, null, NOW))
                .expectNoEvents()
                .expectException(rejection(ArtifactNotFound.class, "artifact-not-found"));
    }

    @Test
    void givenHeadIsVersion2_whenDeletedExpectingVersion2_thenDeleted_butExpectingVersion1_thenVersionMismatch() {
        fixture.given(created(), appended(2, V2_REF, V2_AT))
                .when(new DeleteArtifact(ARTIFACT_ID, TENANT, 2L, NOW))
                .expectEvents(new ArtifactDeleted(TENANT, ARTIFACT_ID, NOW));
        fixture.given(created(), appended(2, V2_REF, V2_AT))
                .when(new DeleteArtifact(ARTIFACT_ID, TENANT, 1L, NOW))
                .expectNoEvents()
                .expectException(rejection(
                        VersionMismatch.class, "version-mismatch", Map.of("expectedVersion", 1L, "headVersion", 2L)));
    }

    // Access settings

    @Test
    void whenAccessIsUpdated_thenViewerEmailsAreLowercasedSortedAndDistinct() {
        fixture.given(created())
                .when(access(
                        false,
                        false,
                        List.of("Carol@Acme.test", "bob@acme.test", "BOB@acme.test", "alice@acme.test"),
                        PRO))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactAccessUpdated(
                        TENANT,
                        ARTIFACT_ID,
                        false,
                        false,
                        List.of("alice@acme.test", "bob@acme.test", "carol@acme.test"),
                        NOW));
    }

    @Test
    void givenProPlan_whenAccessIsMadePubliclyEditable_thenAccessUpdated() {
        fixture.given(created())
                .when(access(true, true, null, PRO))
                .expectEvents(new ArtifactAccessUpdated(TENANT, ARTIFACT_ID, true, true, List.of(), NOW));
    }

    @Test
    void givenFreePlan_whenAccessStaysPublicWithoutEmails_thenAccessUpdated() {
        fixture.given(created())
                .when(access(true, false, List.of(), FREE))
                .expectEvents(new ArtifactAccessUpdated(TENANT, ARTIFACT_ID, true, false, List.of(), NOW));
    }

    @Test
    void whenPublicEditIsAskedWithoutPublicView_thenInvalidAccess() {
        fixture.given(created())
                .when(access(false, true, null, PRO))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-access"));
    }

    @Test
    void givenFreePlan_whenArtifactIsMadePrivate_thenPlanUpgradeRequiredForPrivateArtifacts() {
        fixture.given(created())
                .when(access(false, false, null, FREE))
                .expectNoEvents()
                .expectException(rejection(
                        PlanUpgradeRequired.class,
                        "plan-upgrade-required",
                        Map.of("feature", "private artifacts", "plan", "free", "requiredPlan", "pro")));
    }

    @Test
    void givenFreePlan_whenArtifactIsMadePubliclyEditable_thenPlanUpgradeRequiredForPublicEditLinks() {
        fixture.given(created())
                .when(access(true, true, null, FREE))
                .expectNoEvents()
                .expectException(rejection(
                        PlanUpgradeRequired.class,
                        "plan-upgrade-required",
                        Map.of("feature", "public edit links", "plan", "free", "requiredPlan", "pro")));
    }

    @Test
    void givenFreePlan_whenViewerEmailsAreListed_thenPlanUpgradeRequiredForEmailAllowlists() {
        fixture.given(created())
                .when(access(true, false, List.of("alice@acme.test"), FREE))
                .expectNoEvents()
                .expectException(rejection(
                        PlanUpgradeRequired.class,
                        "plan-upgrade-required",
                        Map.of("feature", "email allowlists", "plan", "free", "requiredPlan", "pro")))
                .expectExceptionMessage(containsString("Email allowlists need the pro plan"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@acme", "@acme.test", "alice@", "al ice@acme.test", "alice@@acme.test", ""})
    void whenAViewerEmailIsNotAnEmailAddress_thenInvalidAccess(String email) {
        fixture.given(created())
                .when(access(false, false, List.of("bob@acme.test", email), PRO))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-access"));
    }

    @Test
    void whenAViewerEmailIsNull_thenInvalidAccess() {
        fixture.given(created())
                .when(access(false, false, Arrays.asList("bob@acme.test", null), PRO))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-access"));
    }

    @Test
    void when100ViewerEmailsAreListed_thenAccessUpdated() {
        List<String> emails = viewerEmails(Artifact.MAX_VIEWER_EMAILS);

        fixture.given(created())
                .when(access(false, false, emails, PRO))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtifactAccessUpdated(
                        TENANT,
                        ARTIFACT_ID,
                        false,
                        false,
                        emails.stream().sorted().toList(),
                        NOW));
    }

    @Test
    void when101ViewerEmailsAreListed_thenInvalidAccess() {
        fixture.given(created())
                .when(access(false, false, viewerEmails(Artifact.MAX_VIEWER_EMAILS + 1), PRO))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-access"));
    }

    @Test
    void
            givenHeadIsVersion1_whenAccessIsUpdatedExpectingVersion1_thenUpdated_butExpectingVersion99_thenVersionMismatch() {
        fixture.given(created())
                .when(new UpdateArtifactAccess(ARTIFACT_ID, TENANT, false, false, null, 1L, PRO, NOW))
                .expectEvents(new ArtifactAccessUpdated(TENANT, ARTIFACT_ID, false, false, List.of(), NOW));
        fixture.given(created())
                .when(new UpdateArtifactAccess(ARTIFACT_ID, TENANT, false, false, null, 99L, PRO, NOW))
                .expectNoEvents()
                .expectException(rejection(
                        VersionMismatch.class, "version-mismatch", Map.of("expectedVersion", 99L, "headVersion", 1L)));
    }

    @Test
    void givenArtifactOfAnotherTenant_whenAccessIsUpdated_thenNotFound() {
        fixture.given(created())
                .when(new UpdateArtifactAccess(ARTIFACT_ID, OTHER_TENANT, true, false, null, null, PRO, NOW))
                .expectNoEvents()
                .expectException(rejection(ArtifactNotFound.class, "artifact-not-found"));
    }

    @Test
    void givenDeletedArtifact_whenAccessIsUpdated_thenNotFound() {
        fixture.given(created(), new ArtifactDeleted(TENANT, ARTIFACT_ID, V2_AT))
                .when(access(true, false, null, PRO))
                .expectNoEvents()
                .expectException(rejection(ArtifactNotFound.class, "artifact-not-found"));
    }

    private static CreateArtifact create(String title, NewContent content, boolean makePrivate, PlanFeatures plan) {
        return new CreateArtifact(ARTIFACT_ID, TENANT, PROJECT_ID, title, content, makePrivate, plan, CREATED_AT);
    }

    private static AppendArtifactVersion append(NewContent content, Long expectedVersion, Instant now) {
        return new AppendArtifactVersion(ARTIFACT_ID, TENANT, content, expectedVersion, PRO, now);
    }

    private static RestoreArtifactVersion restore(long version, Long expectedVersion, PlanFeatures plan, Instant now) {
        return new RestoreArtifactVersion(ARTIFACT_ID, TENANT, version, expectedVersion, plan, now);
    }

    private static UpdateArtifactAccess access(
            boolean publicView, boolean publicEdit, List<String> viewerEmails, PlanFeatures plan) {
        return new UpdateArtifactAccess(ARTIFACT_ID, TENANT, publicView, publicEdit, viewerEmails, null, plan, NOW);
    }

    private static ArtifactCreated created() {
        return new ArtifactCreated(TENANT, ARTIFACT_ID, PROJECT_ID, TITLE, V1_REF, true, CREATED_AT);
    }

    private static ArtifactVersionAppended appended(long version, ContentRef content, Instant at) {
        return new ArtifactVersionAppended(TENANT, ARTIFACT_ID, version, content, at);
    }

    /** Version 1 at {@link #CREATED_AT}, 2 a day later, 3 (the head) two days later. */
    private static List<Object> threeVersions() {
        return List.of(created(), appended(2, V2_REF, V2_AT), appended(3, V3_REF, V3_AT));
    }

    private static List<String> viewerEmails(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "viewer" + i + "@acme.test")
                .toList();
    }

    private record StoreCall(String tenantId, NewContent content, long quotaBytes) {}

    /**
     * Stores nothing: answers the reference a real store would (SHA-256 of the bytes), remembers
     * every call, and refuses with a configured {@link StorageQuotaExceeded}.
     */
    private static final class FakeContentStore implements ContentStore {

        private final List<StoreCall> calls = new ArrayList<>();
        private StorageQuotaExceeded refusal;

        @Override
        public ContentRef store(String tenantId, NewContent content, long quotaBytes) {
            calls.add(new StoreCall(tenantId, content, quotaBytes));
            if (refusal != null) {
                throw refusal;
            }
            return new ContentRef(
                    sha256(content.bytes()), content.bytes().length, content.contentType(), content.fileName());
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JVM has SHA-256", e);
            }
        }
    }
}
