package dev.artifacta.command.members;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person signed in with a verified email accepts an invitation and joins the workspace. */
public record AcceptInvitation(
        @TargetAggregateIdentifier String tenantId,
        String invitationId,
        String verifiedEmail,
        String displayName,
        Instant now) {}
