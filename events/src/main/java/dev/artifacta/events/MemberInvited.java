package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An owner or admin invited a person by email to join the workspace with a role. The person joins
 * by signing in with a verified email that matches.
 *
 * @param tenantId the workspace
 * @param invitationId the invitation's id
 * @param email the invitee's email, normalized (see {@link UserIds#normalizeEmail})
 * @param role the workspace role offered: {@code owner}, {@code admin}, {@code editor} or {@code viewer}
 * @param expiresAt when the invitation can no longer be accepted
 * @param invitedAt when it was sent
 */
@Revision("1")
public record MemberInvited(
        String tenantId, String invitationId, String email, String role, Instant expiresAt, Instant invitedAt)
        implements MemberEvent {}
