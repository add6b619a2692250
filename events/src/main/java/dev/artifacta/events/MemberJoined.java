package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A person became a member of the workspace: by accepting an invitation on sign-in, or as the owner
 * of a workspace created by their first sign-in.
 *
 * @param tenantId the workspace
 * @param userId the person's user id ({@link UserIds#of})
 * @param email their verified email, normalized
 * @param displayName their name as the identity provider gave it at the time
 * @param role their workspace role
 * @param invitationId the invitation accepted, or null for the owner of a new workspace
 * @param joinedAt when they joined
 */
@Revision("1")
public record MemberJoined(
        String tenantId,
        String userId,
        String email,
        String displayName,
        String role,
        String invitationId,
        Instant joinedAt)
        implements MemberEvent {}
