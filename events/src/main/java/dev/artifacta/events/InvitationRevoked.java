package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A pending invitation was withdrawn before anyone accepted it.
 *
 * @param tenantId the workspace
 * @param invitationId the invitation
 * @param email the invitee's email, as invited
 * @param revokedAt when it was withdrawn
 */
@Revision("1")
public record InvitationRevoked(String tenantId, String invitationId, String email, Instant revokedAt)
        implements MemberEvent {}
