package dev.artifacta.query.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One member, or one pending invitation, of a workspace in the member-list view.
 *
 * @param entryId {@code <tenantId>:<userId>} for a member, the invitation id for an invitation
 * @param kind {@code member} or {@code invitation}
 * @param since when the member joined, or when the invitation was sent
 */
@MappedEntity("member_list")
public record MemberListRow(
        @Id String entryId,
        String tenantId,
        String kind,
        @Nullable String userId,
        @Nullable String invitationId,
        String email,
        @Nullable String displayName,
        String role,
        @Nullable Instant expiresAt,
        Instant since) {

    public static final String MEMBER = "member";
    public static final String INVITATION = "invitation";

    static String memberEntry(String tenantId, String userId) {
        return tenantId + ":" + userId;
    }
}
