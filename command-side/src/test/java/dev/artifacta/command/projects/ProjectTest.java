package dev.artifacta.command.projects;

import static dev.artifacta.command.shared.RejectionMatcher.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.ProjectCreated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String TENANT = "tenant-acme";
    private static final String PROJECT_ID = "project-0001";
    private static final String SLUG = "my-project";
    private static final String NAME = "My Project";

    private final FakeProjectDirectory directory = new FakeProjectDirectory();
    private AggregateTestFixture<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void whenProjectIsCreated_thenProjectCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, SLUG, NAME, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreated(TENANT, PROJECT_ID, SLUG, NAME, NOW));
    }

    @Test
    void whenProjectIsCreated_thenTheDirectoryIsAskedAboutTheSlugInTheTenant() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, SLUG, NAME, NOW))
                .expectSuccessfulHandlerExecution();

        assertThat(directory.slugQueries).containsExactly(new SlugQuery(TENANT, SLUG));
    }

    // Slugs

    @ParameterizedTest
    @ValueSource(strings = {"a", "ci", "my-project", "0", "team-2-docs"})
    void whenSlugIsAValidLabel_thenProjectCreated(String slug) {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, slug, NAME, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreated(TENANT, PROJECT_ID, slug, NAME, NOW));
    }

    @Test
    void whenSlugHas63Characters_thenProjectCreated() {
        String longest = "a" + "b".repeat(61) + "c";

        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, longest, NAME, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreated(TENANT, PROJECT_ID, longest, NAME, NOW));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "My-Project", // uppercase
                "-x", // leading hyphen
                "x-", // trailing hyphen
                "-", // a hyphen alone
                "a--b", // double hyphen
                "my project", // space
                "my_project" // underscore
            })
    void whenSlugIsInvalid_thenInvalidProjectSlug(String slug) {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, slug, NAME, NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-project-slug"));
    }

    @Test
    void whenSlugHas64Characters_thenInvalidProjectSlug() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, "a".repeat(64), NAME, NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-project-slug"));
    }

    // Names

    @Test
    void whenNameHas100Characters_thenProjectCreated() {
        String longest = "n".repeat(Project.MAX_NAME_LENGTH);

        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, SLUG, longest, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreated(TENANT, PROJECT_ID, SLUG, longest, NOW));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "   ", // blank
                " My Project", // leading space
                "My Project " // trailing space
            })
    void whenNameIsInvalid_thenInvalidProjectName(String name) {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, SLUG, name, NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-project-name"));
    }

    @Test
    void whenNameHas101Characters_thenInvalidProjectName() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, SLUG, "n".repeat(Project.MAX_NAME_LENGTH + 1), NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-project-name"));
    }

    @Test
    void whenNameContainsAnApiKey_thenRefusedBeforeItReachesAnEvent() {
        String pasted = "ak_live_" + "Zq8".repeat(10) + "Xy";

        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, SLUG, "Docs " + pasted, NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "secret-in-plain-text"))
                .expectExceptionMessage(containsString("API key"));
    }

    // Uniqueness

    @Test
    void givenSlugTakenInTheTenant_whenProjectIsCreated_thenSlugTakenAndNothingHappens() {
        directory.takenSlugs.add(new SlugQuery(TENANT, SLUG));

        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, SLUG, NAME, NOW))
                .expectNoEvents()
                .expectException(rejection(ProjectSlugTaken.class, "project-slug-taken"))
                .expectExceptionMessage(containsString("'" + SLUG + "'"));
    }

    @Test
    void givenSlugTakenInAnotherTenant_whenProjectIsCreated_thenProjectCreated() {
        directory.takenSlugs.add(new SlugQuery("tenant-globex", SLUG));

        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, SLUG, NAME, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreated(TENANT, PROJECT_ID, SLUG, NAME, NOW));
    }

    @Test
    void givenTakenSlug_whenNameIsAlsoInvalid_thenInvalidNameIsReportedFirst() {
        directory.takenSlugs.add(new SlugQuery(TENANT, SLUG));

        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT_ID, TENANT, SLUG, " ", NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-project-name"));
    }

    private record SlugQuery(String tenantId, String slug) {}

    /** Knows a configurable set of taken slugs and remembers what it was asked. */
    private static final class FakeProjectDirectory implements ProjectDirectory {

        private final List<SlugQuery> takenSlugs = new ArrayList<>();
        private final List<SlugQuery> slugQueries = new ArrayList<>();

        @Override
        public boolean isSlugTaken(String tenantId, String slug) {
            slugQueries.add(new SlugQuery(tenantId, slug));
            return takenSlugs.contains(new SlugQuery(tenantId, slug));
        }

        @Override
        public Optional<String> findIdBySlug(String tenantId, String slug) {
            return takenSlugs.contains(new SlugQuery(tenantId, slug)) ? Optional.of(PROJECT_ID) : Optional.empty();
        }
    }
}
