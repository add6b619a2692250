package dev.artifacta.query.members;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Reads the member-list view, always within one tenant. */
@Singleton
public class MemberListQueries {

    private final MemberListRepository members;

    public MemberListQueries(MemberListRepository members) {
        this.members = members;
    }

    /** The workspace's members, by email. */
    public List<MemberListRow> members(String tenantId) {
        return members.findByTenant(tenantId, MemberListRow.MEMBER);
    }

    /** The workspace's pending invitations, by email. */
    public List<MemberListRow> invitations(String tenantId) {
        return members.findByTenant(tenantId, MemberListRow.INVITATION);
    }

    /** One member of the tenant; empty for unknown users and other tenants' members alike. */
    public Optional<MemberListRow> member(String tenantId, String userId) {
        return members.findByEntryIdAndTenantIdAndKind(
                MemberListRow.memberEntry(tenantId, userId), tenantId, MemberListRow.MEMBER);
    }

    /** One pending invitation of the tenant. */
    public Optional<MemberListRow> invitation(String tenantId, String invitationId) {
        return members.findByEntryIdAndTenantIdAndKind(invitationId, tenantId, MemberListRow.INVITATION);
    }
}
