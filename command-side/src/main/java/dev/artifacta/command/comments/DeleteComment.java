package dev.artifacta.command.comments;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete a comment: its author may, and so may a moderator (the access policy says who is one: an
 * admin of the artifact). {@code callerId} is the caller's user or agent id.
 */
public record DeleteComment(
        @TargetAggregateIdentifier String commentId,
        String tenantId,
        String artifactId,
        String callerId,
        boolean moderator,
        Instant now) {}
