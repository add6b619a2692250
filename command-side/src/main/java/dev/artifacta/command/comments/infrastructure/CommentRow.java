package dev.artifacta.command.comments.infrastructure;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One row of the comment lookup table: where a comment sits, so a reply can be checked against it. */
@MappedEntity("comment_registry")
public record CommentRow(
        @Id String commentId,
        String tenantId,
        String artifactId,
        @Nullable String parentId,
        @Nullable Long version,
        boolean deleted) {}
