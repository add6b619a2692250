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
    PROJECT_CREATE("project.create", Role.EDITOR, ApiScope.ARTIFACTS_CREATE),
    /** Post a comment or a reply: whoever may view the artifact, as a person or an agent. */
    COMMENT_CREATE("comment.create", Role.VIEWER, ApiScope.COMMENTS_WRITE, true),
    /** Edit a comment (the comment itself admits only its author). */
    COMMENT_EDIT("comment.edit", Role.VIEWER, ApiScope.COMMENTS_WRITE, true),
    /** Delete a comment (the comment itself admits its author, or a moderator). */
    COMMENT_DELETE("comment.delete", Role.VIEWER, ApiScope.COMMENTS_WRITE, true),
    /** Delete other people's comments on an artifact. */
    COMMENT_MODERATE("comment.moderate", Role.ADMIN, ApiScope.COMMENTS_WRITE, true);

    private final String value;
    private final Role leastRole;
    private final ApiScope scope;
    private final boolean needsIdentity;

    Action(String value, Role leastRole, ApiScope scope) {
        this(value, leastRole, scope, false);
    }

    Action(String value, Role leastRole, ApiScope scope, boolean needsIdentity) {
        this.value = value;
        this.leastRole = leastRole;
        this.scope = scope;
        this.needsIdentity = needsIdentity;
    }

    /**
     * Whether the action is attributed to a person or an agent, so that a share link or the public
     * cannot take it even where their role would allow it.
     */
    public boolean needsIdentity() {
        return needsIdentity;
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
