package dev.artifacta.query.auditlog;

import dev.artifacta.events.AccessDenied;
import dev.artifacta.events.AgentCreated;
import dev.artifacta.events.AgentDisabled;
import dev.artifacta.events.AgentEnabled;
import dev.artifacta.events.AgentRenamed;
import dev.artifacta.events.AgentRoleChanged;
import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiKeyRenamed;
import dev.artifacta.events.ApiKeyRevoked;
import dev.artifacta.events.ArtifactAccessUpdated;
import dev.artifacta.events.ArtifactCreated;
import dev.artifacta.events.ArtifactDeleted;
import dev.artifacta.events.ArtifactRestored;
import dev.artifacta.events.ArtifactVersionAppended;
import dev.artifacta.events.ArtifactaEvent;
import dev.artifacta.events.CommentDeleted;
import dev.artifacta.events.CommentEdited;
import dev.artifacta.events.CommentPosted;
import dev.artifacta.events.InvitationRevoked;
import dev.artifacta.events.MemberInvited;
import dev.artifacta.events.MemberJoined;
import dev.artifacta.events.MemberRemoved;
import dev.artifacta.events.MemberRoleChanged;
import dev.artifacta.events.OAuthClientAuthorized;
import dev.artifacta.events.OAuthClientDisabled;
import dev.artifacta.events.OAuthClientRegistered;
import dev.artifacta.events.OAuthClientSecretRotated;
import dev.artifacta.events.OAuthTokenIssued;
import dev.artifacta.events.OAuthTokenRefused;
import dev.artifacta.events.OAuthTokenRevoked;
import dev.artifacta.events.ProjectCreated;
import dev.artifacta.events.SessionExpired;
import dev.artifacta.events.ShareLinkCreated;
import dev.artifacta.events.ShareLinkRevoked;
import dev.artifacta.events.SignInFailed;
import dev.artifacta.events.TenantClientRegistrationChanged;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.TenantPlanChanged;
import dev.artifacta.events.UserSignedIn;
import dev.artifacta.events.UserSignedOut;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an event means to an audit reader: the action name, the resource it touched and a few
 * details. The switch is exhaustive over the sealed event hierarchy, so a new event cannot compile
 * without an audit action.
 *
 * @param action the action name, for example {@code api_key.revoked}
 * @param resourceType the kind of resource, for example {@code api_key}
 * @param resourceId the resource's id
 * @param details extra facts, in a stable order
 */
public record AuditAction(String action, String resourceType, String resourceId, Map<String, Object> details) {

    /** Every action name {@link #of} produces (a test keeps the two in step). */
    public static final List<String> NAMES = List.of(
            "tenant.created",
            "tenant.plan_changed",
            "tenant.client_registration_changed",
            "member.invited",
            "member.invitation_revoked",
            "member.joined",
            "member.role_changed",
            "member.removed",
            "user.signed_in",
            "user.signed_out",
            "user.session_expired",
            "user.sign_in_failed",
            "api_key.created",
            "api_key.renamed",
            "api_key.revoked",
            "agent.created",
            "agent.renamed",
            "agent.role_changed",
            "agent.disabled",
            "agent.enabled",
            "oauth_client.registered",
            "oauth_client.secret_rotated",
            "oauth_client.disabled",
            "oauth_client.authorized",
            "oauth_token.issued",
            "oauth_token.revoked",
            "oauth_token.refused",
            "project.created",
            "artifact.created",
            "artifact.version_appended",
            "artifact.restored",
            "artifact.deleted",
            "artifact.access_updated",
            "share_link.created",
            "share_link.revoked",
            "comment.posted",
            "comment.edited",
            "comment.deleted",
            "access.denied");

    public static AuditAction of(ArtifactaEvent event) {
        return switch (event) {
            case TenantCreated e ->
                new AuditAction("tenant.created", "tenant", e.tenantId(), details("name", e.name(), "plan", e.plan()));
            case TenantPlanChanged e ->
                new AuditAction(
                        "tenant.plan_changed",
                        "tenant",
                        e.tenantId(),
                        details("previousPlan", e.previousPlan(), "plan", e.plan()));
            case TenantClientRegistrationChanged e ->
                new AuditAction(
                        "tenant.client_registration_changed", "tenant", e.tenantId(), details("enabled", e.enabled()));
            case MemberInvited e ->
                new AuditAction(
                        "member.invited",
                        "invitation",
                        e.invitationId(),
                        details(
                                "email",
                                e.email(),
                                "role",
                                e.role(),
                                "expiresAt",
                                e.expiresAt().toString()));
            case InvitationRevoked e ->
                new AuditAction(
                        "member.invitation_revoked", "invitation", e.invitationId(), details("email", e.email()));
            case MemberJoined e ->
                new AuditAction(
                        "member.joined",
                        "member",
                        e.userId(),
                        details(
                                "email", e.email(),
                                "displayName", e.displayName(),
                                "role", e.role(),
                                "invitationId", e.invitationId()));
            case MemberRoleChanged e ->
                new AuditAction(
                        "member.role_changed",
                        "member",
                        e.userId(),
                        details("email", e.email(), "previousRole", e.previousRole(), "role", e.role()));
            case MemberRemoved e ->
                new AuditAction("member.removed", "member", e.userId(), details("email", e.email(), "role", e.role()));
            case UserSignedIn e ->
                new AuditAction(
                        "user.signed_in",
                        "session",
                        e.sessionId(),
                        details(
                                "userId", e.userId(),
                                "email", e.email(),
                                "displayName", e.displayName(),
                                "issuer", e.issuer()));
            case UserSignedOut e ->
                new AuditAction("user.signed_out", "session", e.sessionId(), details("userId", e.userId()));
            case SessionExpired e ->
                new AuditAction(
                        "user.session_expired",
                        "session",
                        e.sessionId(),
                        details("userId", e.userId(), "reason", e.reason()));
            case SignInFailed e ->
                new AuditAction(
                        "user.sign_in_failed", "user", e.email(), details("reason", e.reason(), "issuer", e.issuer()));
            case ApiKeyCreated e ->
                new AuditAction(
                        "api_key.created",
                        "api_key",
                        e.keyId(),
                        details(
                                "name", e.name(),
                                "prefix", e.prefix(),
                                "scopes", e.scopes(),
                                "identity",
                                        e.identity().type() + ":" + e.identity().name(),
                                "expiresAt",
                                        e.expiresAt() == null
                                                ? null
                                                : e.expiresAt().toString()));
            case ApiKeyRenamed e ->
                new AuditAction(
                        "api_key.renamed",
                        "api_key",
                        e.keyId(),
                        details("previousName", e.previousName(), "name", e.name()));
            case ApiKeyRevoked e -> new AuditAction("api_key.revoked", "api_key", e.keyId(), details("name", e.name()));
            case AgentCreated e ->
                new AuditAction(
                        "agent.created",
                        "agent",
                        e.agentId(),
                        details("name", e.name(), "role", e.role(), "sponsor", e.sponsorId()));
            case AgentRenamed e ->
                new AuditAction(
                        "agent.renamed",
                        "agent",
                        e.agentId(),
                        details("previousName", e.previousName(), "name", e.name()));
            case AgentRoleChanged e ->
                new AuditAction(
                        "agent.role_changed",
                        "agent",
                        e.agentId(),
                        details("previousRole", e.previousRole(), "role", e.role()));
            case AgentDisabled e -> new AuditAction("agent.disabled", "agent", e.agentId(), details("name", e.name()));
            case AgentEnabled e -> new AuditAction("agent.enabled", "agent", e.agentId(), details("name", e.name()));
            case OAuthClientRegistered e ->
                new AuditAction(
                        "oauth_client.registered",
                        "oauth_client",
                        e.clientId(),
                        details(
                                "name", e.name(),
                                "scopes", e.scopes(),
                                "grantTypes", e.grantTypes(),
                                "redirectUris", e.redirectUris(),
                                "secretPrefix", e.secretPrefix(),
                                "identity",
                                        e.identity().type() + ":" + e.identity().name()));
            case OAuthClientSecretRotated e ->
                new AuditAction(
                        "oauth_client.secret_rotated",
                        "oauth_client",
                        e.clientId(),
                        details("name", e.name(), "secretPrefix", e.secretPrefix()));
            case OAuthClientDisabled e ->
                new AuditAction("oauth_client.disabled", "oauth_client", e.clientId(), details("name", e.name()));
            case OAuthTokenIssued e ->
                new AuditAction(
                        "oauth_token.issued",
                        "oauth_token",
                        e.tokenId(),
                        details(
                                "clientId", e.clientId(),
                                "grantType", e.grantType(),
                                "scopes", e.scopes(),
                                "expiresAt", e.expiresAt().toString()));
            case OAuthTokenRevoked e ->
                new AuditAction("oauth_token.revoked", "oauth_token", e.tokenId(), details("clientId", e.clientId()));
            case OAuthClientAuthorized e ->
                new AuditAction(
                        "oauth_client.authorized",
                        "oauth_client",
                        e.clientId(),
                        details(
                                "grantId", e.grantId(),
                                "scopes", e.scopes(),
                                "redirectUri", e.redirectUri()));
            case OAuthTokenRefused e ->
                new AuditAction(
                        "oauth_token.refused",
                        "oauth_client",
                        e.clientId(),
                        details("tokenId", e.tokenId(), "reason", e.reason()));
            case ProjectCreated e ->
                new AuditAction(
                        "project.created", "project", e.projectId(), details("slug", e.slug(), "name", e.name()));
            case ArtifactCreated e ->
                new AuditAction(
                        "artifact.created",
                        "artifact",
                        e.artifactId(),
                        details(
                                "title", e.title(),
                                "projectId", e.projectId(),
                                "version", 1L,
                                "sha256", e.content().sha256(),
                                "size", e.content().size(),
                                "publicView", e.publicView()));
            case ArtifactVersionAppended e ->
                new AuditAction(
                        "artifact.version_appended",
                        "artifact",
                        e.artifactId(),
                        details(
                                "version",
                                e.version(),
                                "sha256",
                                e.content().sha256(),
                                "size",
                                e.content().size()));
            case ArtifactRestored e ->
                new AuditAction(
                        "artifact.restored",
                        "artifact",
                        e.artifactId(),
                        details("version", e.version(), "restoredFrom", e.restoredFrom()));
            case ArtifactDeleted e -> new AuditAction("artifact.deleted", "artifact", e.artifactId(), Map.of());
            case ArtifactAccessUpdated e ->
                new AuditAction(
                        "artifact.access_updated",
                        "artifact",
                        e.artifactId(),
                        details(
                                "publicView", e.publicView(),
                                "publicEdit", e.publicEdit(),
                                "viewerEmails", e.viewerEmails()));
            case ShareLinkCreated e ->
                new AuditAction(
                        "share_link.created",
                        "share_link",
                        e.linkId(),
                        details(
                                "artifactId", e.artifactId(),
                                "role", e.role(),
                                "prefix", e.prefix(),
                                "expiresAt",
                                        e.expiresAt() == null
                                                ? null
                                                : e.expiresAt().toString()));
            case ShareLinkRevoked e ->
                new AuditAction("share_link.revoked", "share_link", e.linkId(), details("artifactId", e.artifactId()));
            case CommentPosted e ->
                new AuditAction(
                        "comment.posted",
                        "comment",
                        e.commentId(),
                        details(
                                "artifactId", e.artifactId(),
                                "parentId", e.parentId(),
                                "version", e.version(),
                                "author", e.authorType() + ":" + e.authorId(),
                                "authorName", e.authorName(),
                                "body", e.body()));
            case CommentEdited e ->
                new AuditAction(
                        "comment.edited",
                        "comment",
                        e.commentId(),
                        details("artifactId", e.artifactId(), "body", e.body()));
            case CommentDeleted e ->
                new AuditAction(
                        "comment.deleted",
                        "comment",
                        e.commentId(),
                        details("artifactId", e.artifactId(), "byAuthor", e.byAuthor()));
            case AccessDenied e ->
                new AuditAction(
                        "access.denied",
                        e.resourceType(),
                        e.resourceId(),
                        details("operation", e.operation(), "reason", e.reason(), "problem", e.problem()));
        };
    }

    private static Map<String, Object> details(Object... keyValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }
}
