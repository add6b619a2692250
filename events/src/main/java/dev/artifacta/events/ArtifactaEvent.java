package dev.artifacta.events;

/**
 * Every event Artifacta stores. The hierarchy is sealed so that consumers which must handle every
 * event (the audit log above all) can switch over it exhaustively and fail to compile when a new
 * event arrives without a decision about it.
 */
public sealed interface ArtifactaEvent
        permits TenantEvent,
                MemberEvent,
                SessionEvent,
                ApiKeyEvent,
                AgentEvent,
                ProjectEvent,
                ArtifactEvent,
                ShareLinkEvent,
                CommentEvent,
                OAuthClientEvent,
                OAuthTokenEvent,
                AccessEvent {

    /** The tenant the event belongs to; every event is scoped to exactly one tenant. */
    String tenantId();
}
