package dev.artifacta.server.members;

import dev.artifacta.query.members.MemberListRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** How members and invitations are shown. */
public final class MemberViews {

    private MemberViews() {}

    /** A member of the workspace. */
    @Schema(name = "Member")
    @Serdeable
    public record MemberView(
            String userId, String email, @Nullable String displayName, String role, Instant joinedAt) {}

    @Schema(name = "MemberList")
    @Serdeable
    public record MemberList(List<MemberView> members) {}

    /** An invitation: {@code pending} until accepted, revoked or past {@code expiresAt} ({@code expired}). */
    @Schema(name = "Invitation")
    @Serdeable
    public record InvitationView(
            String id, String email, String role, String status, Instant invitedAt, Instant expiresAt) {}

    @Schema(name = "InvitationList")
    @Serdeable
    public record InvitationList(List<InvitationView> invitations) {}

    static MemberView member(MemberListRow row) {
        return new MemberView(row.userId(), row.email(), row.displayName(), row.role(), row.since());
    }

    static InvitationView invitation(MemberListRow row, Instant now) {
        return new InvitationView(
                row.invitationId(),
                row.email(),
                row.role(),
                row.expiresAt().isAfter(now) ? "pending" : "expired",
                row.since(),
                row.expiresAt());
    }
}
