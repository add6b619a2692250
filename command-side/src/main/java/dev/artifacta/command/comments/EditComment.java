package dev.artifacta.command.comments;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a comment's text; only its author may. {@code editorId} is the caller's user or agent id. */
public record EditComment(
        @TargetAggregateIdentifier String commentId,
        String tenantId,
        String artifactId,
        String editorId,
        String body,
        Instant now) {}
