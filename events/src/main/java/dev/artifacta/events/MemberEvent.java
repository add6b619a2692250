package dev.artifacta.events;

/**
 * Events about who belongs to a tenant's workspace: invitations, joining, role changes and removal.
 * They are events of the tenant aggregate (stream id: the tenant id), which owns the rule that a
 * workspace always keeps an owner.
 */
public sealed interface MemberEvent extends ArtifactaEvent
        permits MemberInvited, InvitationRevoked, MemberJoined, MemberRoleChanged, MemberRemoved {}
