package dev.artifacta.command.members;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Invite a person by email to join the workspace with a role, until the invitation expires. */
public record InviteMember(
        @TargetAggregateIdentifier String tenantId,
        String invitationId,
        String email,
        String role,
        Instant expiresAt,
        Instant now) {}
