package dev.artifacta.command.members;

import java.time.Instant;
import java.util.List;

/**
 * Who belongs where, as sign-in needs it, read from the command side's lookup tables (consistent
 * with every committed member event).
 */
public interface Memberships {

    /** One workspace a person belongs to. */
    record Membership(String tenantId, String tenantName, String role, Instant joinedAt) {}

    /** An invitation not yet accepted or revoked. */
    record PendingInvitation(String tenantId, String invitationId, String email, String role, Instant expiresAt) {}

    /** The workspaces of the person with this user id, the one joined last first. */
    List<Membership> of(String userId);

    /** The invitations sent to this (normalized) email. */
    List<PendingInvitation> pendingFor(String email);

    /** The keys that act as the member (by email) in the workspace and are not revoked. */
    List<String> activeKeysOf(String tenantId, String email);
}
