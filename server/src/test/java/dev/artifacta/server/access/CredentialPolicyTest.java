package dev.artifacta.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.events.KeyIdentity;
import dev.artifacta.server.access.AccessPolicy.Credential;
import dev.artifacta.server.access.AccessPolicy.CredentialAction;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Nobody manages a credential above themselves: the policy's side of the escalation matrix. */
class CredentialPolicyTest {

    private static final Principal.Tenancy ACME = new Principal.Tenancy("t-acme", "acme", "pro");
    private static final Set<String> ALL =
            Set.of("artifacts:read", "artifacts:create", "artifacts:update", "agents:manage", "audit:read");
    private static final Principal.User OWNER =
            new Principal.User(ACME, "o@acme.test", "o@acme.test", "o", Role.OWNER, false);
    private static final Principal.Agent BOT = new Principal.Agent(ACME, "agent-a", "bot", Role.EDITOR, "o@acme.test");

    private static final Credential OWNER_FULL_KEY = new Credential("t-acme", KeyIdentity.user("o@acme.test"), ALL);
    private static final Credential BOT_KEY =
            new Credential("t-acme", KeyIdentity.agent("agent-a", "bot"), Set.of("artifacts:read"));
    private static final Credential OTHER_AGENT_KEY =
            new Credential("t-acme", KeyIdentity.agent("agent-b", "other"), Set.of("artifacts:read"));

    private static Principal.ApiKey key(Principal.Identity actingFor, Set<String> scopes) {
        return new Principal.ApiKey("k", "k", "ak_live_Ab3d", "Cd4f", scopes, actingFor);
    }

    @ParameterizedTest
    @EnumSource(names = {"READ", "RENAME", "REVOKE"})
    void givenAgentKeyWithAgentsManage_whenItTouchesTheOwnersKey_thenTheKeyIsHiddenFromIt(CredentialAction action) {
        var agentKey = key(BOT, Set.of("agents:manage"));

        assertThat(AccessPolicy.decideCredential(agentKey, action, OWNER_FULL_KEY))
                .isInstanceOf(Decision.Hidden.class);
        assertThat(AccessPolicy.decideCredential(agentKey, action, OTHER_AGENT_KEY))
                .isInstanceOf(Decision.Hidden.class);
    }

    @Test
    void givenAgentKey_whenItCreatesAKeyForTheUserOrAnotherAgent_thenIdentityEscalation() {
        var agentKey = key(BOT, Set.of("agents:manage", "artifacts:read"));

        assertThat(AccessPolicy.decideCredential(agentKey, CredentialAction.CREATE, OWNER_FULL_KEY))
                .isInstanceOf(Decision.IdentityEscalation.class);
        assertThat(AccessPolicy.decideCredential(agentKey, CredentialAction.CREATE, OTHER_AGENT_KEY))
                .isInstanceOf(Decision.IdentityEscalation.class);
    }

    @ParameterizedTest
    @EnumSource(CredentialAction.class)
    void givenAgentKeyWithTheScopes_whenItTouchesItsOwnAgentsKey_thenAllowed(CredentialAction action) {
        var agentKey = key(BOT, Set.of("agents:manage", "artifacts:read"));

        assertThat(AccessPolicy.decideCredential(agentKey, action, BOT_KEY)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void givenOwnerKeyWithoutAScope_whenItRevokesAKeyHoldingIt_thenScopeEscalation_butItMayReadIt() {
        var narrowKey = key(OWNER, Set.of("agents:manage"));

        assertThat(AccessPolicy.decideCredential(narrowKey, CredentialAction.REVOKE, OWNER_FULL_KEY))
                .isEqualTo(new Decision.ScopeEscalation("artifacts:create"));
        assertThat(AccessPolicy.decideCredential(narrowKey, CredentialAction.READ, OWNER_FULL_KEY))
                .isInstanceOf(Decision.Allow.class);
    }

    @ParameterizedTest
    @EnumSource(CredentialAction.class)
    void givenOwnerFullKey_thenEveryKeyOfTheTenantIsManageable(CredentialAction action) {
        var ownerKey = key(OWNER, ALL);

        assertThat(AccessPolicy.decideCredential(ownerKey, action, BOT_KEY)).isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decideCredential(ownerKey, action, OWNER_FULL_KEY))
                .isInstanceOf(Decision.Allow.class);
    }

    @ParameterizedTest
    @EnumSource(CredentialAction.class)
    void givenKeyWithoutAgentsManage_thenMissingScope(CredentialAction action) {
        assertThat(AccessPolicy.decideCredential(key(OWNER, Set.of("artifacts:read")), action, BOT_KEY))
                .isEqualTo(new Decision.MissingScope("agents:manage"));
    }

    @ParameterizedTest
    @EnumSource(CredentialAction.class)
    void givenAnotherTenantsKey_thenHidden(CredentialAction action) {
        var stranger = key(
                new Principal.User(
                        new Principal.Tenancy("t-other", "o", "pro"), "x@o.test", "x@o.test", "x", Role.OWNER, false),
                ALL);

        assertThat(AccessPolicy.decideCredential(stranger, action, BOT_KEY)).isInstanceOf(Decision.Hidden.class);
    }

    @Test
    void givenEditorUser_whenItTouchesAnotherIdentitysKey_thenHidden_andItsOwnAllowed() {
        var editor = new Principal.User(ACME, "e@acme.test", "e@acme.test", "e", Role.EDITOR, false);
        var editorKey = key(editor, ALL);

        assertThat(AccessPolicy.decideCredential(editorKey, CredentialAction.REVOKE, BOT_KEY))
                .isInstanceOf(Decision.Hidden.class);
        assertThat(AccessPolicy.decideCredential(
                        editorKey,
                        CredentialAction.REVOKE,
                        new Credential("t-acme", KeyIdentity.user("e@acme.test"), ALL)))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void onlyOwnersAndAdminsManageAgents_andAgentsNever() {
        assertThat(AccessPolicy.decideAgentManagement(key(OWNER, ALL), "t-acme"))
                .isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decideAgentManagement(key(BOT, ALL), "t-acme"))
                .isInstanceOf(Decision.IdentityEscalation.class);
        assertThat(AccessPolicy.decideAgentManagement(
                        key(new Principal.User(ACME, "v", "v", "v", Role.VIEWER, false), ALL), "t-acme"))
                .isEqualTo(new Decision.RoleTooLow(Role.VIEWER, Role.ADMIN));
        assertThat(AccessPolicy.decideAgentManagement(key(OWNER, ALL), "t-other"))
                .isInstanceOf(Decision.Hidden.class);
    }
}
