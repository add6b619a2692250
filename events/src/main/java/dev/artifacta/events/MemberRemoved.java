package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A member left the workspace or was removed. The keys that act as them are revoked, each with its
 * own {@link ApiKeyRevoked}, and their sessions stop authenticating.
 *
 * @param tenantId the workspace
 * @param userId the member
 * @param email the member's email
 * @param role the role they had
 * @param removedAt when they were removed
 */
@Revision("1")
public record MemberRemoved(String tenantId, String userId, String email, String role, Instant removedAt)
        implements MemberEvent {}
