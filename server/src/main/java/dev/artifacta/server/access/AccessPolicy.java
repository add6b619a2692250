package dev.artifacta.server.access;

/**
 * The one authorization policy: every entry point (API key, share link, public request) asks it
 * whether a caller may perform an action on an artifact. Pure, so it is tested as a table.
 */
public final class AccessPolicy {

    /**
     * What an artifact's settings contribute.
     *
     * @param tenantId the owning tenant
     * @param artifactId the artifact, or null for tenant-level actions (create, list projects)
     * @param publicView whether unauthenticated callers may view it
     * @param publicEdit whether unauthenticated callers may edit it
     */
    public record Target(String tenantId, String artifactId, boolean publicView, boolean publicEdit) {

        /** A tenant-level target: creating artifacts or projects, listing them. */
        public static Target tenant(String tenantId) {
            return new Target(tenantId, null, false, false);
        }
    }

    private AccessPolicy() {}

    public static Decision decide(Caller caller, Action action, Target target) {
        return switch (caller) {
            case Caller.ApiKey key -> {
                if (!key.tenantId().equals(target.tenantId())) {
                    yield new Decision.Hidden();
                }
                if (!key.scopes().contains(action.scope().value())) {
                    yield new Decision.MissingScope(action.scope().value());
                }
                yield byRole(key.role(), action);
            }
            case Caller.ShareLink link -> {
                if (!link.tenantId().equals(target.tenantId())
                        || !link.artifactId().equals(target.artifactId())) {
                    yield new Decision.Hidden();
                }
                yield byRole(link.role(), action);
            }
            case Caller.Public anonymous -> {
                Role role = target.publicEdit() ? Role.EDITOR : target.publicView() ? Role.VIEWER : null;
                if (role == null || target.artifactId() == null) {
                    yield new Decision.Hidden();
                }
                yield byRole(role, action);
            }
        };
    }

    private static Decision byRole(Role role, Action action) {
        return role.atLeast(action.leastRole())
                ? new Decision.Allow()
                : new Decision.RoleTooLow(role, action.leastRole());
    }
}
