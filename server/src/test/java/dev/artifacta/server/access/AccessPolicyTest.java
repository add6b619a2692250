package dev.artifacta.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.artifacta.events.ApiScope;
import dev.artifacta.server.access.AccessPolicy.Target;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access policy as a table: principal × role × scope × action → allow or the refusal it answers.
 * The expected least role and scope of each action are written out here, independent of
 * {@link Action}, so a changed rule fails a row instead of silently moving the table with it.
 */
class AccessPolicyTest {

    private static final String TENANT = "tenant-a";
    private static final String OTHER_TENANT = "tenant-b";
    private static final String ARTIFACT = "artifact-1";
    private static final String OTHER_ARTIFACT = "artifact-2";

    /** Seed 003's actions and scopes, with the least role this product gives each. */
    private record Rule(Role leastRole, ApiScope scope, boolean tenantLevel, boolean needsIdentity) {

        Rule(Role leastRole, ApiScope scope, boolean tenantLevel) {
            this(leastRole, scope, tenantLevel, false);
        }

        /** What a caller with this role but no person or agent behind it is answered. */
        Decision forNoIdentity(Role role) {
            if (!role.atLeast(leastRole)) {
                return new Decision.RoleTooLow(role, leastRole);
            }
            return needsIdentity ? new Decision.IdentityRequired() : new Decision.Allow();
        }
    }

    private static final Map<Action, Rule> RULES = Map.ofEntries(
            Map.entry(Action.ARTIFACT_VIEW, new Rule(Role.VIEWER, ApiScope.ARTIFACTS_READ, false)),
            Map.entry(Action.ARTIFACT_DIFF, new Rule(Role.VIEWER, ApiScope.ARTIFACTS_READ, false)),
            Map.entry(Action.ARTIFACT_CREATE, new Rule(Role.EDITOR, ApiScope.ARTIFACTS_CREATE, true)),
            Map.entry(Action.ARTIFACT_UPDATE, new Rule(Role.EDITOR, ApiScope.ARTIFACTS_UPDATE, false)),
            Map.entry(Action.ARTIFACT_RESTORE, new Rule(Role.EDITOR, ApiScope.ARTIFACTS_UPDATE, false)),
            Map.entry(Action.ARTIFACT_DELETE, new Rule(Role.ADMIN, ApiScope.ARTIFACTS_DELETE, false)),
            Map.entry(Action.ARTIFACT_READ_ACCESS, new Rule(Role.ADMIN, ApiScope.ARTIFACTS_ACCESS_READ, false)),
            Map.entry(Action.ARTIFACT_MANAGE_ACCESS, new Rule(Role.ADMIN, ApiScope.ARTIFACTS_ACCESS_WRITE, false)),
            Map.entry(Action.ARTIFACT_CREATE_SHARE_LINK, new Rule(Role.ADMIN, ApiScope.ARTIFACTS_SHARE, false)),
            Map.entry(Action.ARTIFACT_REVOKE_SHARE_LINK, new Rule(Role.ADMIN, ApiScope.ARTIFACTS_SHARE, false)),
            Map.entry(Action.PROJECT_VIEW, new Rule(Role.VIEWER, ApiScope.ARTIFACTS_READ, true)),
            Map.entry(Action.PROJECT_CREATE, new Rule(Role.EDITOR, ApiScope.ARTIFACTS_CREATE, true)),
            Map.entry(Action.COMMENT_CREATE, new Rule(Role.VIEWER, ApiScope.COMMENTS_WRITE, false, true)),
            Map.entry(Action.COMMENT_EDIT, new Rule(Role.VIEWER, ApiScope.COMMENTS_WRITE, false, true)),
            Map.entry(Action.COMMENT_DELETE, new Rule(Role.VIEWER, ApiScope.COMMENTS_WRITE, false, true)),
            Map.entry(Action.COMMENT_MODERATE, new Rule(Role.ADMIN, ApiScope.COMMENTS_WRITE, false, true)));

    @Test
    void everyActionHasARowInTheTable() {
        assertThat(RULES.keySet()).containsExactlyInAnyOrder(Action.values());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Action.class)
    void actionNeedsTheDocumentedRoleAndScope(Action action) {
        assertThat(action.leastRole()).isEqualTo(rule(action).leastRole());
        assertThat(action.scope()).isEqualTo(rule(action).scope());
        assertThat(action.needsIdentity()).isEqualTo(rule(action).needsIdentity());
    }

    @Test
    void rolesRankOwnerAboveAdminAboveEditorAboveViewer() {
        assertThat(Role.OWNER.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.atLeast(Role.EDITOR)).isTrue();
        assertThat(Role.EDITOR.atLeast(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.atLeast(Role.EDITOR)).isFalse();
        assertThat(Role.EDITOR.atLeast(Role.ADMIN)).isFalse();
        assertThat(Role.ADMIN.atLeast(Role.OWNER)).isFalse();
        assertThat(Role.parse("editor")).contains(Role.EDITOR);
        assertThat(Role.parse("Editor")).isEmpty();
        assertThat(Role.parse("superuser")).isEmpty();
    }

    // --- API keys of the artifact's tenant ---

    static Stream<Arguments> everyRoleAndAction() {
        return Arrays.stream(Role.values())
                .flatMap(role -> Arrays.stream(Action.values()).map(action -> arguments(role, action)));
    }

    @ParameterizedTest(name = "{0} key with the scope, {1}")
    @MethodSource("everyRoleAndAction")
    void givenKeyOfTheTenantWithTheScope_thenItsRoleDecides(Role role, Action action) {
        var key = keyOf(TENANT, role, Set.of(rule(action).scope().value()));

        Decision decision = AccessPolicy.decide(key, action, targetOf(action));

        if (role.atLeast(rule(action).leastRole())) {
            assertThat(decision).isEqualTo(new Decision.Allow());
            assertThat(decision.allowed()).isTrue();
        } else {
            assertThat(decision)
                    .isEqualTo(new Decision.RoleTooLow(role, rule(action).leastRole()));
            assertThat(decision.allowed()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} key without the scope, {1}")
    @MethodSource("everyRoleAndAction")
    void givenKeyOfTheTenantWithoutTheScope_thenMissingScopeNamesIt(Role role, Action action) {
        String needed = rule(action).scope().value();
        var allButNeeded = new HashSet<>(ApiScope.allValues());
        allButNeeded.remove(needed);

        for (Set<String> scopes : List.of(Set.copyOf(allButNeeded), Set.<String>of())) {
            Decision decision = AccessPolicy.decide(keyOf(TENANT, role, scopes), action, targetOf(action));

            assertThat(decision).as("scopes %s", scopes).isEqualTo(new Decision.MissingScope(needed));
            assertThat(decision.allowed()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} key of another tenant, {1}")
    @MethodSource("everyRoleAndAction")
    void givenKeyOfAnotherTenant_thenTheArtifactIsHidden_whateverItsScopesAndRole(Role role, Action action) {
        for (Set<String> scopes : List.of(Set.copyOf(ApiScope.allValues()), Set.<String>of())) {
            var stranger = keyOf(OTHER_TENANT, role, scopes);

            for (Target target : List.of(targetOf(action), publicEdit(), Target.tenant(TENANT))) {
                assertThat(AccessPolicy.decide(stranger, action, target))
                        .as("scopes %s, target %s", scopes, target)
                        .isEqualTo(new Decision.Hidden());
            }
        }
    }

    // --- Share links ---

    static Stream<Arguments> linkRolesAndArtifactActions() {
        return Stream.of(Role.VIEWER, Role.EDITOR).flatMap(role -> Arrays.stream(Action.values())
                .filter(action -> !rule(action).tenantLevel())
                .map(action -> arguments(role, action)));
    }

    @ParameterizedTest(name = "{0} link on its artifact, {1}")
    @MethodSource("linkRolesAndArtifactActions")
    void givenShareLinkOnItsArtifact_thenItsRoleDecides(Role role, Action action) {
        var link = new Principal.ShareLink(TENANT, "link-1", "sl_live_Ab3d", ARTIFACT, role);

        Decision decision = AccessPolicy.decide(link, action, privateArtifact());

        assertThat(decision).isEqualTo(rule(action).forNoIdentity(role));
    }

    @Test
    void viewerLinkViewsAndDiffsButCannotUpdate() {
        var viewer = new Principal.ShareLink(TENANT, "link-1", "sl_live_Ab3d", ARTIFACT, Role.VIEWER);

        assertThat(AccessPolicy.decide(viewer, Action.ARTIFACT_VIEW, privateArtifact()))
                .isEqualTo(new Decision.Allow());
        assertThat(AccessPolicy.decide(viewer, Action.ARTIFACT_DIFF, privateArtifact()))
                .isEqualTo(new Decision.Allow());
        assertThat(AccessPolicy.decide(viewer, Action.ARTIFACT_UPDATE, privateArtifact()))
                .isEqualTo(new Decision.RoleTooLow(Role.VIEWER, Role.EDITOR));
    }

    @Test
    void editorLinkUpdatesButCannotDeleteManageAccessOrShare() {
        var editor = new Principal.ShareLink(TENANT, "link-1", "sl_live_Ab3d", ARTIFACT, Role.EDITOR);

        assertThat(AccessPolicy.decide(editor, Action.ARTIFACT_UPDATE, privateArtifact()))
                .isEqualTo(new Decision.Allow());
        assertThat(AccessPolicy.decide(editor, Action.ARTIFACT_RESTORE, privateArtifact()))
                .isEqualTo(new Decision.Allow());
        for (Action action : EnumSet.of(
                Action.ARTIFACT_DELETE,
                Action.ARTIFACT_READ_ACCESS,
                Action.ARTIFACT_MANAGE_ACCESS,
                Action.ARTIFACT_CREATE_SHARE_LINK,
                Action.ARTIFACT_REVOKE_SHARE_LINK)) {
            assertThat(AccessPolicy.decide(editor, action, privateArtifact()))
                    .as(action.name())
                    .isEqualTo(new Decision.RoleTooLow(Role.EDITOR, Role.ADMIN));
        }
    }

    static Stream<Arguments> linkRolesAndEveryAction() {
        return Stream.of(Role.VIEWER, Role.EDITOR)
                .flatMap(role -> Arrays.stream(Action.values()).map(action -> arguments(role, action)));
    }

    @ParameterizedTest(name = "{0} link elsewhere, {1}")
    @MethodSource("linkRolesAndEveryAction")
    void givenShareLink_whenUsedOnAnotherArtifactTenantOrTenantLevel_thenHidden(Role role, Action action) {
        var link = new Principal.ShareLink(TENANT, "link-1", "sl_live_Ab3d", ARTIFACT, role);

        for (Target target : List.of(
                new Target(TENANT, OTHER_ARTIFACT, true, true),
                new Target(OTHER_TENANT, ARTIFACT, true, true),
                Target.tenant(TENANT))) {
            assertThat(AccessPolicy.decide(link, action, target))
                    .as("target %s", target)
                    .isEqualTo(new Decision.Hidden());
        }
    }

    // --- The public (no key, no link) ---

    static Stream<Arguments> everyAction() {
        return Arrays.stream(Action.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "public on a publicView artifact, {0}")
    @MethodSource("everyAction")
    void givenPublicViewArtifact_thenThePublicIsAViewer(Action action) {
        Decision decision = AccessPolicy.decide(Principal.ANONYMOUS, action, publicView());

        assertThat(decision).isEqualTo(rule(action).forNoIdentity(Role.VIEWER));
    }

    @ParameterizedTest(name = "public on a publicEdit artifact, {0}")
    @MethodSource("everyAction")
    void givenPublicEditArtifact_thenThePublicIsAnEditor(Action action) {
        Decision decision = AccessPolicy.decide(Principal.ANONYMOUS, action, publicEdit());

        assertThat(decision).isEqualTo(rule(action).forNoIdentity(Role.EDITOR));
    }

    @Test
    void publicViewAllowsViewingButNotUpdating_publicEditAllowsUpdatingButNotDeleting() {
        var anonymous = Principal.ANONYMOUS;

        assertThat(AccessPolicy.decide(anonymous, Action.ARTIFACT_VIEW, publicView()))
                .isEqualTo(new Decision.Allow());
        assertThat(AccessPolicy.decide(anonymous, Action.ARTIFACT_UPDATE, publicView()))
                .isEqualTo(new Decision.RoleTooLow(Role.VIEWER, Role.EDITOR));
        assertThat(AccessPolicy.decide(anonymous, Action.ARTIFACT_UPDATE, publicEdit()))
                .isEqualTo(new Decision.Allow());
        assertThat(AccessPolicy.decide(anonymous, Action.ARTIFACT_DELETE, publicEdit()))
                .isEqualTo(new Decision.RoleTooLow(Role.EDITOR, Role.ADMIN));
    }

    @ParameterizedTest(name = "public on a private artifact or the tenant, {0}")
    @MethodSource("everyAction")
    void givenPrivateArtifactOrTenantLevelTarget_thenThePublicSeesNothing(Action action) {
        var anonymous = Principal.ANONYMOUS;

        assertThat(AccessPolicy.decide(anonymous, action, privateArtifact())).isEqualTo(new Decision.Hidden());
        assertThat(AccessPolicy.decide(anonymous, action, Target.tenant(TENANT)))
                .isEqualTo(new Decision.Hidden());
    }

    /** A key of the tenant acting for a user with the role, holding the scopes. */
    static Principal.ApiKey keyOf(String tenantId, Role role, Set<String> scopes) {
        var user = new Principal.User(
                new Principal.Tenancy(tenantId, "acme", "pro"),
                "u@acme.test",
                "u@acme.test",
                "u@acme.test",
                role,
                false);
        return new Principal.ApiKey("key-1", "CI", "ak_live_Ab3d", "Cd4f", scopes, user);
    }

    private static Rule rule(Action action) {
        Rule rule = RULES.get(action);
        assertThat(rule).as("a table row for %s", action).isNotNull();
        return rule;
    }

    /** Where an action applies: the tenant for tenant-level actions, else a private artifact. */
    private static Target targetOf(Action action) {
        return rule(action).tenantLevel() ? Target.tenant(TENANT) : privateArtifact();
    }

    private static Target privateArtifact() {
        return new Target(TENANT, ARTIFACT, false, false);
    }

    private static Target publicView() {
        return new Target(TENANT, ARTIFACT, true, false);
    }

    private static Target publicEdit() {
        return new Target(TENANT, ARTIFACT, true, true);
    }
}
