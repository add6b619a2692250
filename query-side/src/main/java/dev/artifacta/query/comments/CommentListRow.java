package dev.artifacta.query.comments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One comment or reply in the comment-list view, with its author as named when it was posted.
 *
 * @param parentId the comment replied to, or null for a comment on the artifact
 * @param version the artifact version it is about, or null
 * @param deletedAt when it was deleted, or null; a deleted comment keeps its row (without its
 *     text) so that its replies keep their place
 */
@MappedEntity("comment_list")
public record CommentListRow(
        @Id String commentId,
        String tenantId,
        String artifactId,
        @Nullable String parentId,
        @Nullable Long version,
        @Nullable String body,
        String authorType,
        String authorId,
        String authorName,
        Instant postedAt,
        @Nullable Instant editedAt,
        @Nullable Instant deletedAt) {}
