package dev.artifacta.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.access.AccessPolicy.Target;
import dev.artifacta.server.access.Principal.Tenancy;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the policy treats signed-in people: workspace roles, allowlists, and managing members. */
class PersonPolicyTest {

    private static final Tenancy ACME = new Tenancy("t-acme", "acme", "pro");
    private static final Tenancy GLOBEX = new Tenancy("t-globex", "globex", "pro");

    private static Principal.User person(Tenancy tenant, String email, Role role, boolean verified) {
        return new Principal.User(tenant, "u-" + email, email, email, role, verified);
    }

    private static Target acmeArtifact(boolean publicView, String... allowlist) {
        return new Target("t-acme", "a-1", publicView, false, Set.of(allowlist));
    }

    @Test
    void givenAMemberOfTheTenant_whenTheyAct_thenTheirWorkspaceRoleDecides() {
        var editor = person(ACME, "ed@acme.test", Role.EDITOR, true);

        assertThat(AccessPolicy.decide(editor, Action.ARTIFACT_UPDATE, acmeArtifact(false)))
                .isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decide(editor, Action.ARTIFACT_DELETE, acmeArtifact(false)))
                .isInstanceOf(Decision.RoleTooLow.class);
        assertThat(AccessPolicy.decide(editor, Action.ARTIFACT_CREATE, Target.tenant("t-acme")))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void givenAnAllowlistedVerifiedPersonOfAnotherTenant_thenTheyMayView_butNothingMore() {
        var reviewer = person(GLOBEX, "rae@globex.test", Role.OWNER, true);
        Target listed = acmeArtifact(false, "rae@globex.test");

        assertThat(AccessPolicy.decide(reviewer, Action.ARTIFACT_VIEW, listed)).isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decide(reviewer, Action.ARTIFACT_DIFF, listed)).isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decide(reviewer, Action.ARTIFACT_UPDATE, listed))
                .isInstanceOf(Decision.RoleTooLow.class);
        assertThat(AccessPolicy.decide(reviewer, Action.ARTIFACT_CREATE, Target.tenant("t-acme")))
                .isInstanceOf(Decision.Hidden.class);
    }

    @ParameterizedTest(name = "{0}, verified={1}, listed={2} -> {3}")
    @CsvSource({
        "rae@globex.test, true,  rae@globex.test,  Allow",
        "RAE@Globex.test, true,  rae@globex.test,  Allow",
        "rae@globex.test, false, rae@globex.test,  Hidden",
        "rae@globex.test, true,  ray@globex.test,  Hidden",
        "rаe@globex.test, true,  rae@globex.test,  Hidden"
    })
    void theAllowlistMatrix(String email, boolean verified, String listed, String expected) {
        var person = person(GLOBEX, email, Role.OWNER, verified);

        Decision decision = AccessPolicy.decide(person, Action.ARTIFACT_VIEW, acmeArtifact(false, listed));

        assertThat(decision.getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void givenAPublicArtifactOfAnotherTenant_whenAPersonReadsIt_thenAllowed_asAnyoneWouldBe() {
        var stranger = person(GLOBEX, "x@globex.test", Role.OWNER, true);

        assertThat(AccessPolicy.decide(stranger, Action.ARTIFACT_VIEW, acmeArtifact(true)))
                .isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decide(stranger, Action.ARTIFACT_VIEW, acmeArtifact(false)))
                .isInstanceOf(Decision.Hidden.class);
    }

    @ParameterizedTest(name = "{0} sets {1} -> {2}: {3}")
    @CsvSource({
        "OWNER,  EDITOR, OWNER,  Allow",
        "OWNER,  OWNER,  ADMIN,  Allow",
        "ADMIN,  EDITOR, VIEWER, Allow",
        "ADMIN,  EDITOR, OWNER,  RoleTooLow",
        "ADMIN,  OWNER,  ADMIN,  RoleTooLow",
        "EDITOR, VIEWER, EDITOR, RoleTooLow",
        "VIEWER, VIEWER, EDITOR, RoleTooLow"
    })
    void managingRoles_onlyOwnersTouchTheOwnerRole(Role manager, Role from, Role to, String expected) {
        var principal = person(ACME, "m@acme.test", manager, true);

        Decision decision = AccessPolicy.decideMemberManagement(principal, "t-acme", from, to, false);

        assertThat(decision.getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void anyoneMayLeave_agentsNeverManagePeople_keysNeedTheScope_otherTenantsSeeNothing() {
        var viewer = person(ACME, "v@acme.test", Role.VIEWER, true);
        var agent = new Principal.Agent(ACME, "ag-1", "bot", Role.ADMIN, "o@acme.test");
        var narrowKey = new Principal.ApiKey(
                "k",
                "ci",
                "ak_live_Ab3d",
                "Cd4f",
                Set.of("artifacts:read"),
                person(ACME, "o@acme.test", Role.OWNER, false));
        var outsider = person(GLOBEX, "o@globex.test", Role.OWNER, true);

        assertThat(AccessPolicy.decideMemberManagement(viewer, "t-acme", Role.VIEWER, null, true))
                .isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decideMemberManagement(agent, "t-acme", null, Role.VIEWER, false))
                .isInstanceOf(Decision.IdentityEscalation.class);
        assertThat(AccessPolicy.decideMemberManagement(narrowKey, "t-acme", null, Role.VIEWER, false))
                .isInstanceOf(Decision.MissingScope.class);
        assertThat(AccessPolicy.decideMemberRead(narrowKey, "t-acme")).isInstanceOf(Decision.MissingScope.class);
        assertThat(AccessPolicy.decideMemberRead(viewer, "t-acme")).isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decideMemberManagement(outsider, "t-acme", null, Role.VIEWER, false))
                .isInstanceOf(Decision.Hidden.class);
    }

    @Test
    void givenAViewerMemberAndAPublicEditArtifactOfTheirWorkspace_whenTheyEdit_thenAllowed_asThePublicWouldBe() {
        var viewer = person(ACME, "vi@acme.test", Role.VIEWER, true);
        var publicEdit = new Target("t-acme", "a-1", true, true, Set.of());

        assertThat(AccessPolicy.decide(viewer, Action.ARTIFACT_UPDATE, publicEdit))
                .isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decide(viewer, Action.ARTIFACT_UPDATE, acmeArtifact(true)))
                .isInstanceOf(Decision.RoleTooLow.class);
    }

    @Test
    void givenAnAllowlistEntryInDecomposedFormOrOtherCase_whenTheComposedEmailSignsIn_thenItMatches() {
        var reviewer = person(GLOBEX, "jos\u00e9@globex.test", Role.VIEWER, true);

        assertThat(AccessPolicy.decide(reviewer, Action.ARTIFACT_VIEW, acmeArtifact(false, "JOSE\u0301@globex.test")))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void givenSignedInPeople_whenTheyMintKeys_thenTheirRoleBoundsTheScopes() {
        var viewer = person(ACME, "vi@acme.test", Role.VIEWER, true);
        var admin = person(ACME, "ad@acme.test", Role.ADMIN, true);
        var ownKey = new AccessPolicy.Credential("t-acme", viewer.keyIdentity(), Set.of("artifacts:read"));
        var auditKey = new AccessPolicy.Credential("t-acme", viewer.keyIdentity(), Set.of("audit:read"));
        var adminAuditKey = new AccessPolicy.Credential("t-acme", admin.keyIdentity(), Set.of("audit:read"));

        assertThat(AccessPolicy.decideCredential(viewer, AccessPolicy.CredentialAction.CREATE, ownKey))
                .isInstanceOf(Decision.Allow.class);
        assertThat(AccessPolicy.decideCredential(viewer, AccessPolicy.CredentialAction.CREATE, auditKey))
                .isEqualTo(new Decision.ScopeEscalation("audit:read"));
        assertThat(AccessPolicy.decideCredential(admin, AccessPolicy.CredentialAction.CREATE, adminAuditKey))
                .isInstanceOf(Decision.Allow.class);
        assertThat(Role.VIEWER.scopes()).doesNotContain("audit:read", "artifacts:create", "members:manage");
        assertThat(Role.EDITOR.scopes()).contains("artifacts:create").doesNotContain("audit:read");
        assertThat(Role.ADMIN.scopes()).contains("audit:read", "members:manage");
    }
}
