package dev.artifacta.command.members;

import dev.artifacta.command.shared.Rejection;

/** A rule of workspace membership said no. */
public final class MembershipRejected extends Rejection {

    private MembershipRejected(Kind kind, String type, String detail) {
        super(kind, type, detail);
    }

    public static MembershipRejected memberNotFound(String userId) {
        return new MembershipRejected(
                Kind.NOT_FOUND, "member-not-found", "There is no member with id '" + userId + "'.");
    }

    public static MembershipRejected invitationNotFound(String invitationId) {
        return new MembershipRejected(
                Kind.NOT_FOUND,
                "invitation-not-found",
                "There is no pending invitation with id '" + invitationId + "'.");
    }

    public static MembershipRejected alreadyMember(String email) {
        return new MembershipRejected(Kind.CONFLICT, "already-a-member", "'" + email + "' is already a member.");
    }

    public static MembershipRejected invitationPending(String email) {
        return new MembershipRejected(
                Kind.CONFLICT,
                "invitation-pending",
                "'" + email + "' already has a pending invitation; revoke it to invite again.");
    }

    public static MembershipRejected lastOwner() {
        return new MembershipRejected(
                Kind.CONFLICT,
                "last-owner",
                "A workspace always keeps an owner: make another member owner before removing or demoting this one.");
    }

    public static MembershipRejected emailMismatch() {
        return new MembershipRejected(
                Kind.FORBIDDEN,
                "invitation-email-mismatch",
                "This invitation was sent to another email address; sign in with the invited address.");
    }

    public static MembershipRejected invitationExpired() {
        return new MembershipRejected(
                Kind.INVALID, "invitation-expired", "This invitation has expired; ask for a new one.");
    }
}
