package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A member's workspace role changed.
 *
 * @param tenantId the workspace
 * @param userId the member
 * @param email the member's email
 * @param previousRole the role before
 * @param role the role now
 * @param changedAt when it changed
 */
@Revision("1")
public record MemberRoleChanged(
        String tenantId, String userId, String email, String previousRole, String role, Instant changedAt)
        implements MemberEvent {}
