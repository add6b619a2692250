package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A comment was posted on an artifact, or a reply to one of its comments. It is attributed to the
 * person or the agent it was made as (a key acting for a person posts as that person), with the
 * name they had at the time.
 *
 * @param tenantId the tenant that owns the artifact
 * @param commentId the comment's id
 * @param artifactId the artifact it is on
 * @param parentId the comment it replies to, or null for a comment on the artifact
 * @param version the artifact version it is about, or null for the artifact as a whole (a reply
 *     has its parent's)
 * @param body the text, in Unicode NFC, line breaks as {@code \n}
 * @param authorType {@code user} or {@code agent}
 * @param authorId the user's id or the agent's id
 * @param authorName the author's display name at the time
 * @param postedAt when it was posted
 */
@Revision("1")
public record CommentPosted(
        String tenantId,
        String commentId,
        String artifactId,
        String parentId,
        Long version,
        String body,
        String authorType,
        String authorId,
        String authorName,
        Instant postedAt)
        implements CommentEvent {}
