package dev.artifacta.server.access;

import dev.artifacta.events.ApiScope;

/**
 * What a caller may try, with the least role that allows it and the scope an API key needs for
 * it (the product's action list, plus project creation and reading access settings).
 */
public enum Action {
    ARTIFACT_VIEW("artifact.view", Role.VIEWER, ApiScope.ARTIFACTS_READ),
    ARTIFACT_DIFF("artifact.diff", Role.VIEWER, ApiScope.ARTIFACTS_READ),
    ARTIFACT_CREATE("artifact.create", Role.EDITOR, ApiScope.ARTIFACTS_CREATE),
    ARTIFACT_UPDATE("artifact.update", Role.EDITOR, ApiScope.ARTIFACTS_UPDATE),
    ARTIFACT_RESTORE("artifact.restore", Role.EDITOR, ApiScope.ARTIFACTS_UPDATE),
    ARTIFACT_DELETE("artifact.delete", Role.ADMIN, ApiScope.ARTIFACTS_DELETE),
    ARTIFACT_READ_ACCESS("artifact.manage_access", Role.ADMIN, ApiScope.ARTIFACTS_ACCESS_READ),
    ARTIFACT_MANAGE_ACCESS("artifact.manage_access", Role.ADMIN, ApiScope.ARTIFACTS_ACCESS_WRITE),
    ARTIFACT_CREATE_SHARE_LINK("artifact.create_share_link", Role.ADMIN, ApiScope.ARTIFACTS_SHARE),
    ARTIFACT_REVOKE_SHARE_LINK("artifact.revoke_share_link", Role.ADMIN, ApiScope.ARTIFACTS_SHARE),
    PROJECT_VIEW("project.view", Role.VIEWER, ApiScope.ARTIFACTS_READ),
    PROJECT_CREATE("project.create", Role.EDITOR, ApiScope.ARTIFACTS_CREATE);

    private final String value;
    private final Role leastRole;
    private final ApiScope scope;

    Action(String value, Role leastRole, ApiScope scope) {
        this.value = value;
        this.leastRole = leastRole;
        this.scope = scope;
    }

    public String value() {
        return value;
    }

    public Role leastRole() {
        return leastRole;
    }

    public ApiScope scope() {
        return scope;
    }
}
