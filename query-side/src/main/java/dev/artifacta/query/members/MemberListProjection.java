package dev.artifacta.query.members;

import dev.artifacta.events.InvitationRevoked;
import dev.artifacta.events.MemberInvited;
import dev.artifacta.events.MemberJoined;
import dev.artifacta.events.MemberRemoved;
import dev.artifacta.events.MemberRoleChanged;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.UserIds;
import dev.artifacta.events.UserSignedIn;
import dev.artifacta.query.infrastructure.StreamingView;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Builds the member-list view: each workspace's members (the owner from signup first of all) with
 * their roles and names as they last signed in, and its pending invitations. Each handler sets
 * values, so a replayed event changes nothing.
 */
@Singleton
@ProcessingGroup(MemberListProjection.NAME)
@StreamingView(order = 75, tables = "member_list")
public class MemberListProjection {

    public static final String NAME = "member-list";

    private final MemberListRepository members;

    public MemberListProjection(MemberListRepository members) {
        this.members = members;
    }

    @EventHandler
    void on(TenantCreated event) {
        String email = UserIds.normalizeEmail(event.ownerEmail());
        saveMember(event.tenantId(), UserIds.of(email), email, null, "owner", event.createdAt());
    }

    @EventHandler
    void on(MemberInvited event) {
        if (!members.existsById(event.invitationId())) {
            members.save(new MemberListRow(
                    event.invitationId(),
                    event.tenantId(),
                    MemberListRow.INVITATION,
                    null,
                    event.invitationId(),
                    event.email(),
                    null,
                    event.role(),
                    event.expiresAt(),
                    event.invitedAt()));
        }
    }

    @EventHandler
    void on(InvitationRevoked event) {
        members.deleteById(event.invitationId());
    }

    @EventHandler
    void on(MemberJoined event) {
        if (event.invitationId() != null) {
            members.deleteById(event.invitationId());
        }
        saveMember(
                event.tenantId(), event.userId(), event.email(), event.displayName(), event.role(), event.joinedAt());
    }

    @EventHandler
    void on(MemberRoleChanged event) {
        members.updateRole(MemberListRow.memberEntry(event.tenantId(), event.userId()), event.role());
    }

    @EventHandler
    void on(MemberRemoved event) {
        members.deleteById(MemberListRow.memberEntry(event.tenantId(), event.userId()));
    }

    /** A member's name is the one their identity provider gave at their last sign-in. */
    @EventHandler
    void on(UserSignedIn event) {
        members.updateDisplayName(MemberListRow.memberEntry(event.tenantId(), event.userId()), event.displayName());
    }

    @ResetHandler
    void reset() {
        members.deleteAll();
    }

    private void saveMember(
            String tenantId, String userId, String email, String displayName, String role, java.time.Instant at) {
        String entryId = MemberListRow.memberEntry(tenantId, userId);
        if (!members.existsById(entryId)) {
            members.save(new MemberListRow(
                    entryId, tenantId, MemberListRow.MEMBER, userId, null, email, displayName, role, null, at));
        }
    }
}
