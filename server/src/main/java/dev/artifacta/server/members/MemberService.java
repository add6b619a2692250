package dev.artifacta.server.members;

import dev.artifacta.command.apikeys.RevokeApiKey;
import dev.artifacta.command.members.ChangeMemberRole;
import dev.artifacta.command.members.InviteMember;
import dev.artifacta.command.members.Memberships;
import dev.artifacta.command.members.RemoveMember;
import dev.artifacta.command.members.RevokeInvitation;
import dev.artifacta.command.shared.Rejection;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.query.members.MemberListQueries;
import dev.artifacta.query.members.MemberListRow;
import dev.artifacta.server.access.AccessPolicy;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.access.Role;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.Refusals;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.members.MemberViews.InvitationView;
import dev.artifacta.server.members.MemberViews.MemberView;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The workspace's people: members with their roles, and invitations. Inviting, changing roles and
 * removing are for owners and admins (only owners touch the owner role, through {@link
 * AccessPolicy}); the workspace itself keeps its last owner. Removing a member revokes every key
 * that acts as them, each with its own audited event, and their sessions stop at once.
 */
@Singleton
public class MemberService {

    private final Commands commands;
    private final MemberListQueries members;
    private final Memberships memberships;
    private final ReadModelBarrier barrier;
    private final Clock clock;
    private final Duration invitationLifetime;

    public MemberService(
            Commands commands,
            MemberListQueries members,
            Memberships memberships,
            ReadModelBarrier barrier,
            Clock clock,
            @Value("${artifacta.members.invitation-lifetime:7d}") Duration invitationLifetime) {
        this.commands = commands;
        this.members = members;
        this.memberships = memberships;
        this.barrier = barrier;
        this.clock = clock;
        this.invitationLifetime = invitationLifetime;
    }

    public List<MemberView> list(Principal principal) {
        return members.members(readable(principal)).stream()
                .map(MemberViews::member)
                .toList();
    }

    public MemberView read(Principal principal, String userId) {
        return MemberViews.member(member(readable(principal), userId));
    }

    public List<InvitationView> invitations(Principal principal) {
        Instant now = clock.instant();
        return members.invitations(readable(principal)).stream()
                .map(row -> MemberViews.invitation(row, now))
                .toList();
    }

    public InvitationView invitation(Principal principal, String invitationId) {
        return MemberViews.invitation(invitationRow(readable(principal), invitationId), clock.instant());
    }

    public InvitationView invite(Principal principal, String email, String role, RequestInfo request) {
        String tenantId = Principals.tenantOf(principal);
        Role offered = Role.parse(role)
                .orElseThrow(() -> Problems.invalid(
                        "invalid-role",
                        "A workspace role is one of owner, admin, editor, viewer, not '" + role + "'."));
        enforce(principal, tenantId, null, offered, false, "member.invite");
        String invitationId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        commands.send(
                new InviteMember(tenantId, invitationId, email, offered.value(), now.plus(invitationLifetime), now),
                principal,
                request);
        barrier.awaitViews();
        return MemberViews.invitation(invitationRow(tenantId, invitationId), now);
    }

    public void revokeInvitation(Principal principal, String invitationId, RequestInfo request) {
        String tenantId = Principals.tenantOf(principal);
        MemberListRow row = invitationRow(tenantId, invitationId);
        enforce(principal, tenantId, null, Role.parse(row.role()).orElseThrow(), false, "member.invite");
        send(new RevokeInvitation(tenantId, invitationId, clock.instant()), principal, request);
        barrier.awaitViews();
    }

    public MemberView changeRole(Principal principal, String userId, String role, RequestInfo request) {
        String tenantId = Principals.tenantOf(principal);
        MemberListRow row = member(tenantId, userId);
        Role wanted = Role.parse(role)
                .orElseThrow(() -> Problems.invalid(
                        "invalid-role",
                        "A workspace role is one of owner, admin, editor, viewer, not '" + role + "'."));
        enforce(
                principal,
                tenantId,
                Role.parse(row.role()).orElseThrow(),
                wanted,
                isSelf(principal, userId),
                "member.manage");
        send(new ChangeMemberRole(tenantId, userId, wanted.value(), clock.instant()), principal, request);
        barrier.awaitViews();
        return MemberViews.member(member(tenantId, userId));
    }

    /** Removes the member and revokes every key that acts as them, one audited revocation per key. */
    public void remove(Principal principal, String userId, RequestInfo request) {
        String tenantId = Principals.tenantOf(principal);
        MemberListRow row = member(tenantId, userId);
        enforce(
                principal,
                tenantId,
                Role.parse(row.role()).orElseThrow(),
                null,
                isSelf(principal, userId),
                "member.remove");
        Instant now = clock.instant();
        send(new RemoveMember(tenantId, userId, now), principal, request);
        for (String keyId : memberships.activeKeysOf(tenantId, row.email())) {
            try {
                commands.send(new RevokeApiKey(keyId, tenantId, now), principal, request);
            } catch (Rejection alreadyRevoked) {
                // Revoked meanwhile: nothing left to do for this key.
            }
        }
        barrier.awaitViews();
    }

    private static boolean isSelf(Principal principal, String userId) {
        return principal
                .identity()
                .filter(Principal.User.class::isInstance)
                .map(user -> ((Principal.User) user).userId().equals(userId))
                .orElse(false);
    }

    private static void enforce(
            Principal principal, String tenantId, Role current, Role wanted, boolean self, String action) {
        Refusals.enforce(
                AccessPolicy.decideMemberManagement(principal, tenantId, current, wanted, self),
                () -> Problems.unauthenticated("This request needs a signed-in person or an API key."),
                action);
    }

    private static String readable(Principal principal) {
        String tenantId = Principals.tenantOf(principal);
        Refusals.enforce(
                AccessPolicy.decideMemberRead(principal, tenantId),
                () -> Problems.unauthenticated("This request needs a signed-in person or an API key."),
                "member.read");
        return tenantId;
    }

    private MemberListRow member(String tenantId, String userId) {
        return members.member(tenantId, userId).orElseThrow(() -> memberNotFound(userId));
    }

    private MemberListRow invitationRow(String tenantId, String invitationId) {
        return members.invitation(tenantId, invitationId)
                .orElseThrow(() -> Problems.notFound(
                        "invitation-not-found", "There is no pending invitation with id '" + invitationId + "'."));
    }

    private void send(Object command, Principal principal, RequestInfo request) {
        commands.send(command, principal, request);
    }

    static ProblemException memberNotFound(String userId) {
        return Problems.notFound("member-not-found", "There is no member with id '" + userId + "'.");
    }
}
