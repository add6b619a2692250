package dev.artifacta.command.agents;

import static dev.artifacta.command.shared.RejectionMatcher.rejection;

import dev.artifacta.events.AgentCreated;
import dev.artifacta.events.AgentDisabled;
import dev.artifacta.events.AgentEnabled;
import dev.artifacta.events.AgentRenamed;
import dev.artifacta.events.AgentRoleChanged;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String TENANT = "tenant-acme";
    private static final String AGENT_ID = "agent-0001";
    private static final String SPONSOR = "owner@acme.test";

    private final Set<String> takenNames = new HashSet<>();
    private AggregateTestFixture<Agent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
        fixture.registerInjectableResource(
                (AgentDirectory) (tenantId, name) -> takenNames.contains(tenantId + "/" + name));
    }

    private static AgentCreated created(String role) {
        return new AgentCreated(TENANT, AGENT_ID, "deploy-bot", null, role, SPONSOR, SPONSOR, NOW);
    }

    private static CreateAgent create(String name, String role) {
        return new CreateAgent(AGENT_ID, TENANT, name, null, role, SPONSOR, SPONSOR, NOW);
    }

    @Test
    void givenNothing_whenAgentIsCreatedWithoutRole_thenItIsAnEditorSponsoredByItsCreator() {
        fixture.givenNoPriorActivity().when(create("deploy-bot", null)).expectEvents(created("editor"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "editor", "viewer"})
    void givenNothing_whenAgentIsCreatedWithARoleBelowOwner_thenCreatedWithIt(String role) {
        fixture.givenNoPriorActivity().when(create("deploy-bot", role)).expectEvents(created(role));
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "root", "Editor", ""})
    void givenNothing_whenAgentIsCreatedAsOwnerOrUnknownRole_thenRejected(String role) {
        fixture.givenNoPriorActivity()
                .when(create("deploy-bot", role))
                .expectNoEvents()
                .expectException(rejection(dev.artifacta.command.shared.InvalidRequest.class, "invalid-agent-role"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " bot", "bot "})
    void givenNothing_whenNameIsBlankOrPadded_thenRejected(String name) {
        fixture.givenNoPriorActivity()
                .when(create(name, null))
                .expectNoEvents()
                .expectException(rejection(dev.artifacta.command.shared.InvalidRequest.class, "invalid-agent-name"));
    }

    @Test
    void givenAnAgentNamedSoInTheTenant_whenAnotherIsCreatedWithTheName_thenConflict() {
        takenNames.add(TENANT + "/deploy-bot");

        fixture.givenNoPriorActivity()
                .when(create("deploy-bot", null))
                .expectNoEvents()
                .expectException(rejection(AgentNameTaken.class, "agent-name-taken"));
    }

    @Test
    void givenAgent_whenRenamed_thenRenamedWithThePreviousName() {
        fixture.given(created("editor"))
                .when(new RenameAgent(AGENT_ID, TENANT, "release-bot", NOW))
                .expectEvents(new AgentRenamed(TENANT, AGENT_ID, "deploy-bot", "release-bot", NOW));
    }

    @Test
    void givenAgent_whenRenamedToItsOwnName_thenNothingHappens() {
        fixture.given(created("editor"))
                .when(new RenameAgent(AGENT_ID, TENANT, "deploy-bot", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenAgent_whenUpdatedWithAValidNameAndAnInvalidRole_thenNeitherChanges() {
        fixture.given(created("editor"))
                .when(new UpdateAgent(AGENT_ID, TENANT, "release-bot", "owner", NOW))
                .expectNoEvents()
                .expectException(rejection(dev.artifacta.command.shared.InvalidRequest.class, "invalid-agent-role"));
    }

    @Test
    void givenAgent_whenUpdatedWithNameAndRole_thenBothChange() {
        fixture.given(created("editor"))
                .when(new UpdateAgent(AGENT_ID, TENANT, "release-bot", "viewer", NOW))
                .expectEvents(
                        new AgentRenamed(TENANT, AGENT_ID, "deploy-bot", "release-bot", NOW),
                        new AgentRoleChanged(TENANT, AGENT_ID, "editor", "viewer", NOW));
    }

    @Test
    void givenAgent_whenUpdatedWithItsOwnNameAndRole_thenNothingHappens() {
        fixture.given(created("editor"))
                .when(new UpdateAgent(AGENT_ID, TENANT, "deploy-bot", "editor", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenAgent_whenRoleChanged_thenRoleChanged() {
        fixture.given(created("editor"))
                .when(new ChangeAgentRole(AGENT_ID, TENANT, "viewer", NOW))
                .expectEvents(new AgentRoleChanged(TENANT, AGENT_ID, "editor", "viewer", NOW));
    }

    @Test
    void givenAgent_whenMadeOwner_thenRejected() {
        fixture.given(created("editor"))
                .when(new ChangeAgentRole(AGENT_ID, TENANT, "owner", NOW))
                .expectNoEvents()
                .expectException(rejection(dev.artifacta.command.shared.InvalidRequest.class, "invalid-agent-role"));
    }

    @Test
    void givenAgent_whenDisabled_thenDisabled_andDisablingAgainChangesNothing() {
        fixture.given(created("editor"))
                .when(new DisableAgent(AGENT_ID, TENANT, NOW))
                .expectEvents(new AgentDisabled(TENANT, AGENT_ID, "deploy-bot", NOW));
        fixture.given(created("editor"), new AgentDisabled(TENANT, AGENT_ID, "deploy-bot", NOW))
                .when(new DisableAgent(AGENT_ID, TENANT, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenDisabledAgent_whenEnabled_thenEnabled() {
        fixture.given(created("editor"), new AgentDisabled(TENANT, AGENT_ID, "deploy-bot", NOW))
                .when(new EnableAgent(AGENT_ID, TENANT, NOW))
                .expectEvents(new AgentEnabled(TENANT, AGENT_ID, "deploy-bot", NOW));
    }

    @Test
    void givenAgentOfAnotherTenant_whenDisabled_thenNotFound() {
        fixture.given(created("editor"))
                .when(new DisableAgent(AGENT_ID, "tenant-other", NOW))
                .expectNoEvents()
                .expectException(rejection(AgentNotFound.class, "agent-not-found"));
    }
}
