package dev.artifacta.server.comments;

import dev.artifacta.query.comments.CommentListRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** How the API shows comments. */
public final class CommentViews {

    private CommentViews() {}

    /** Who wrote a comment: a person or an agent, named as they were when it was posted. */
    @Schema(name = "CommentAuthor")
    @Serdeable
    public record AuthorView(String type, String id, String name) {}

    /**
     * A comment or a reply. A deleted comment shows only while it has replies, without its body.
     *
     * @param replies the live replies, oldest first; null on a reply (replies are one level deep)
     */
    @Schema(name = "Comment")
    @Serdeable
    public record CommentView(
            String id,
            String artifactId,
            @Nullable String parentId,
            @Nullable Long version,
            @Nullable String body,
            AuthorView author,
            Instant postedAt,
            @Nullable Instant editedAt,
            boolean deleted,
            @Nullable List<CommentView> replies) {}

    /** A page of comments, newest first; {@code nextCursor} fetches the next, null on the last. */
    @Schema(name = "CommentPage")
    @Serdeable
    public record CommentPage(
            List<CommentView> items, @Nullable String nextCursor) {}

    static CommentView of(CommentListRow row, @Nullable List<CommentListRow> replies) {
        return new CommentView(
                row.commentId(),
                row.artifactId(),
                row.parentId(),
                row.version(),
                row.deletedAt() == null ? row.body() : null,
                new AuthorView(row.authorType(), row.authorId(), row.authorName()),
                row.postedAt(),
                row.editedAt(),
                row.deletedAt() != null,
                row.parentId() != null || replies == null
                        ? null
                        : replies.stream().map(reply -> of(reply, null)).toList());
    }
}
