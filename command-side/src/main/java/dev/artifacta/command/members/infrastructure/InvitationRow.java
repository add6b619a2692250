package dev.artifacta.command.members.infrastructure;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A pending invitation: sign-in looks up a verified email's invitations here. */
@MappedEntity("invitation_registry")
public record InvitationRow(
        @Id String invitationId, String tenantId, String email, String role, Instant expiresAt, Instant invitedAt) {}
