package dev.artifacta.command.comments;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Post a comment on an artifact, or a reply to one of its comments, as a person or an agent.
 *
 * @param parentId the comment replied to, or null
 * @param version the artifact version the comment is about (already checked against the artifact),
 *     or null; a reply takes its parent's
 * @param authorType {@code user} or {@code agent}
 */
public record PostComment(
        @TargetAggregateIdentifier String commentId,
        String tenantId,
        String artifactId,
        String parentId,
        Long version,
        String body,
        String authorType,
        String authorId,
        String authorName,
        Instant now) {}
