package dev.artifacta.server.access;

import dev.artifacta.events.ApiScope;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.events.UserIds;
import dev.artifacta.server.access.Principal.Agent;
import dev.artifacta.server.access.Principal.Identity;
import dev.artifacta.server.access.Principal.User;
import java.util.Optional;
import java.util.Set;

/**
 * The one authorization policy: every entry point (API key, share link, public request, and the
 * sessions and OAuth clients that plug in later) asks it whether a principal may perform an action
 * on an artifact, a credential or an agent. Pure, so it is tested as a table.
 */
public final class AccessPolicy {

    /**
     * What an artifact's settings contribute.
     *
     * @param tenantId the owning tenant
     * @param artifactId the artifact, or null for tenant-level actions (create, list projects)
     * @param publicView whether unauthenticated callers may view it
     * @param publicEdit whether unauthenticated callers may edit it
     * @param viewerEmails the emails allowed to view it, normalized; empty when the owning tenant's
     *     plan does not include allowlists (a downgrade stops the grant and keeps the list)
     */
    public record Target(
            String tenantId, String artifactId, boolean publicView, boolean publicEdit, Set<String> viewerEmails) {

        public Target {
            viewerEmails = Set.copyOf(viewerEmails);
        }

        public Target(String tenantId, String artifactId, boolean publicView, boolean publicEdit) {
            this(tenantId, artifactId, publicView, publicEdit, Set.of());
        }

        /** A tenant-level target: creating artifacts or projects, listing them. */
        public static Target tenant(String tenantId) {
            return new Target(tenantId, null, false, false);
        }

        /** The role the public switches give everyone, or null. */
        Role publicRole() {
            return publicEdit ? Role.EDITOR : publicView ? Role.VIEWER : null;
        }

        /** Whether a person whose provider verified this email is on the allowlist. */
        boolean allowlists(String verifiedEmail) {
            // Entries are compared in normal form: lists stored before emails were normalized in
            // NFC (only lower-cased) still match.
            String email = UserIds.normalizeEmail(verifiedEmail);
            return artifactId != null
                    && viewerEmails.stream()
                            .anyMatch(entry -> UserIds.normalizeEmail(entry).equals(email));
        }
    }

    /**
     * A credential (an API key) as the policy sees it: whose it is and what it may do.
     *
     * @param tenantId its tenant
     * @param identity who it acts as
     * @param scopes what it may do
     */
    public record Credential(String tenantId, KeyIdentity identity, Set<String> scopes) {}

    /** What may be done to a credential. */
    public enum CredentialAction {
        READ,
        CREATE,
        RENAME,
        REVOKE
    }

    private AccessPolicy() {}

    /** May the principal perform the action on the artifact (or tenant-level target)? */
    public static Decision decide(Principal principal, Action action, Target target) {
        Decision decision = decideRole(principal, action, target);
        if (decision.allowed() && action.needsIdentity() && principal.identity().isEmpty()) {
            return new Decision.IdentityRequired();
        }
        return decision;
    }

    private static Decision decideRole(Principal principal, Action action, Target target) {
        return switch (principal) {
            case Principal.ApiKey key ->
                inTenant(
                        key.tenant().id(),
                        target,
                        () -> scoped(
                                key.scopes(),
                                action.scope(),
                                () -> byRole(key.actingFor().role(), action)));
            case Principal.OAuthClient client ->
                inTenant(
                        client.actingFor().tenant().id(),
                        target,
                        () -> scoped(
                                client.scopes(),
                                action.scope(),
                                () -> byRole(client.actingFor().role(), action)));
            case User user -> decideForPerson(user, action, target);
            case Agent agent -> inTenant(agent.tenant().id(), target, () -> byRole(agent.role(), action));
            case Principal.ShareLink link -> {
                if (!link.tenantId().equals(target.tenantId())
                        || !link.artifactId().equals(target.artifactId())) {
                    yield new Decision.Hidden();
                }
                yield byRole(link.role(), action);
            }
            case Principal.Service service -> new Decision.Hidden();
            case Principal.Anonymous anonymous -> {
                Role role = target.publicRole();
                if (role == null || target.artifactId() == null) {
                    yield new Decision.Hidden();
                }
                yield byRole(role, action);
            }
        };
    }

    /**
     * A signed-in person's role on an artifact is the strongest of what reaches them: their
     * workspace role in the artifact's own tenant, viewer through the artifact's email allowlist
     * (for a verified email, when the owning tenant's plan includes allowlists), and the artifact's
     * public switches. Nothing reaches them: the artifact is hidden.
     */
    private static Decision decideForPerson(User user, Action action, Target target) {
        Role role = null;
        if (user.tenant().id().equals(target.tenantId())) {
            role = user.role();
            if (target.artifactId() != null) {
                role = stronger(role, target.publicRole()); // what the public may, a member may too
            }
        } else if (target.artifactId() != null) {
            if (user.emailVerified() && target.allowlists(user.email())) {
                role = Role.VIEWER;
            }
            role = stronger(role, target.publicRole());
        }
        return role == null ? new Decision.Hidden() : byRole(role, action);
    }

    private static Role stronger(Role a, Role b) {
        if (a == null) {
            return b;
        }
        return b == null || a.atLeast(b) ? a : b;
    }

    /**
     * May the principal act on the credential? Nobody manages a credential above themselves: a key
     * acting as an agent reaches only that agent's keys (others are hidden from it); a user reaches
     * their own keys and, as owner or admin, every key of the tenant; and no credential may hold a
     * scope its manager lacks. Creating a key is deciding on the key to be.
     */
    public static Decision decideCredential(Principal principal, CredentialAction action, Credential target) {
        Optional<Authority> authority = authorityOf(principal);
        if (authority.isEmpty() || !authority.get().identity().tenant().id().equals(target.tenantId())) {
            return new Decision.Hidden();
        }
        Authority own = authority.get();
        if (!own.holds(ApiScope.AGENTS_MANAGE.value())) {
            return new Decision.MissingScope(ApiScope.AGENTS_MANAGE.value());
        }
        if (!reaches(own.identity(), target.identity())) {
            return action == CredentialAction.READ
                            || action == CredentialAction.RENAME
                            || action == CredentialAction.REVOKE
                    ? new Decision.Hidden()
                    : new Decision.IdentityEscalation(escalationDetail(own.identity(), target.identity()));
        }
        if (action != CredentialAction.READ) {
            for (String scope : new java.util.TreeSet<>(target.scopes())) {
                if (!own.holds(scope)) {
                    return new Decision.ScopeEscalation(scope);
                }
            }
        }
        return new Decision.Allow();
    }

    /**
     * May the principal manage agents of the tenant (create, rename, change role, disable,
     * enable)? Only a user with the owner or admin role, through a credential holding
     * {@code agents:manage}; an agent never manages agents, itself included.
     */
    public static Decision decideAgentManagement(Principal principal, String tenantId) {
        Optional<Authority> authority = authorityOf(principal);
        if (authority.isEmpty() || !authority.get().identity().tenant().id().equals(tenantId)) {
            return new Decision.Hidden();
        }
        Authority own = authority.get();
        if (!own.holds(ApiScope.AGENTS_MANAGE.value())) {
            return new Decision.MissingScope(ApiScope.AGENTS_MANAGE.value());
        }
        return switch (own.identity()) {
            case Agent agent -> new Decision.IdentityEscalation("An agent cannot manage agents; a user must.");
            case User user ->
                user.role().atLeast(Role.ADMIN)
                        ? new Decision.Allow()
                        : new Decision.RoleTooLow(user.role(), Role.ADMIN);
        };
    }

    /**
     * May the principal register, read, rotate or disable the tenant's OAuth clients, whose tokens
     * may carry {@code scopes}? Like agents, only an owner or admin through a credential holding
     * {@code agents:manage}; and like keys, no client may ask for a scope its manager lacks (pass
     * the client's scopes for a registration or a rotation, none for reading).
     */
    public static Decision decideOAuthClientManagement(Principal principal, String tenantId, Set<String> scopes) {
        Decision decision = decideAgentManagement(principal, tenantId);
        if (!decision.allowed()) {
            return decision;
        }
        Authority own = authorityOf(principal).orElseThrow();
        for (String scope : new java.util.TreeSet<>(scopes)) {
            if (!own.holds(scope)) {
                return new Decision.ScopeEscalation(scope);
            }
        }
        return decision;
    }

    /**
     * May the principal see the workspace's members and invitations? Any person or agent of the
     * tenant; a key or OAuth client needs {@code members:read}.
     */
    public static Decision decideMemberRead(Principal principal, String tenantId) {
        Optional<Authority> authority = authorityOf(principal);
        if (authority.isEmpty() || !authority.get().identity().tenant().id().equals(tenantId)) {
            return new Decision.Hidden();
        }
        return authority.get().holds(ApiScope.MEMBERS_READ.value())
                ? new Decision.Allow()
                : new Decision.MissingScope(ApiScope.MEMBERS_READ.value());
    }

    /**
     * May the principal invite a member, change a member's role or remove a member? Owners and
     * admins may, through a credential holding {@code members:manage}; only an owner may touch the
     * owner role (invite or promote to it, demote or remove an owner); agents never manage people.
     * Anyone may leave (remove themselves); the workspace itself keeps its last owner.
     *
     * @param currentRole the member's role now, or null for an invitation
     * @param newRole the role to give, or null for a removal
     * @param self whether the member is the principal's own person
     */
    public static Decision decideMemberManagement(
            Principal principal, String tenantId, Role currentRole, Role newRole, boolean self) {
        Optional<Authority> authority = authorityOf(principal);
        if (authority.isEmpty() || !authority.get().identity().tenant().id().equals(tenantId)) {
            return new Decision.Hidden();
        }
        Authority own = authority.get();
        // A signed-in person's scopes follow from their role, which the rules below judge directly.
        if (!(principal instanceof User) && !own.holds(ApiScope.MEMBERS_MANAGE.value())) {
            return new Decision.MissingScope(ApiScope.MEMBERS_MANAGE.value());
        }
        return switch (own.identity()) {
            case Agent agent -> new Decision.IdentityEscalation("An agent cannot manage people; a user must.");
            case User user -> {
                if (self && newRole == null) {
                    yield new Decision.Allow();
                }
                if (!user.role().atLeast(Role.ADMIN)) {
                    yield new Decision.RoleTooLow(user.role(), Role.ADMIN);
                }
                boolean touchesOwner = currentRole == Role.OWNER || newRole == Role.OWNER;
                yield touchesOwner && user.role() != Role.OWNER
                        ? new Decision.RoleTooLow(user.role(), Role.OWNER)
                        : new Decision.Allow();
            }
        };
    }

    /** Which agents the principal may see: all of the tenant's, or only the one it acts as. */
    public static Optional<String> visibleAgentOnly(Principal principal) {
        return principal.identity().filter(Agent.class::isInstance).map(agent -> ((Agent) agent).agentId());
    }

    /** The identity and scopes a principal acts with; null scopes mean every scope. */
    private record Authority(Identity identity, Set<String> scopes) {
        boolean holds(String scope) {
            return scopes == null || scopes.contains(scope);
        }
    }

    private static Optional<Authority> authorityOf(Principal principal) {
        return switch (principal) {
            case Principal.ApiKey key -> Optional.of(new Authority(key.actingFor(), key.scopes()));
            case Principal.OAuthClient client -> Optional.of(new Authority(client.actingFor(), client.scopes()));
            case User user -> Optional.of(new Authority(user, user.role().scopes()));
            case Agent agent -> Optional.of(new Authority(agent, null));
            case Principal.ShareLink link -> Optional.empty();
            case Principal.Service service -> Optional.empty();
            case Principal.Anonymous anonymous -> Optional.empty();
        };
    }

    /** Whether an identity's authority covers credentials acting as the target identity. */
    private static boolean reaches(Identity own, KeyIdentity target) {
        return switch (own) {
            case Agent agent -> target.actsAsAgent() && agent.agentId().equals(target.agentId());
            case User user -> {
                boolean self = !target.actsAsAgent() && user.email().equals(target.name());
                yield self || user.role().atLeast(Role.ADMIN);
            }
        };
    }

    private static String escalationDetail(Identity own, KeyIdentity target) {
        return switch (own) {
            case Agent agent ->
                target.actsAsAgent()
                        ? "A key acting as an agent can only manage keys of that agent, not of another agent."
                        : "A key acting as an agent can only create keys for agents, not for a user.";
            case User user -> "Only an owner or admin can manage keys acting as someone else.";
        };
    }

    private static Decision inTenant(String tenantId, Target target, java.util.function.Supplier<Decision> then) {
        return tenantId.equals(target.tenantId()) ? then.get() : new Decision.Hidden();
    }

    private static Decision scoped(Set<String> scopes, ApiScope needed, java.util.function.Supplier<Decision> then) {
        return scopes.contains(needed.value()) ? then.get() : new Decision.MissingScope(needed.value());
    }

    private static Decision byRole(Role role, Action action) {
        return role.atLeast(action.leastRole())
                ? new Decision.Allow()
                : new Decision.RoleTooLow(role, action.leastRole());
    }
}
