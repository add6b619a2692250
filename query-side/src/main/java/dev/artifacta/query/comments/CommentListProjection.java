package dev.artifacta.query.comments;

import dev.artifacta.events.CommentDeleted;
import dev.artifacta.events.CommentEdited;
import dev.artifacta.events.CommentPosted;
import dev.artifacta.query.infrastructure.StreamingView;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Builds the comment-list view: each artifact's comments and replies with their current text and
 * their authors as named at the time. A deleted comment loses its text here (the events keep it).
 * Each handler sets values, so a replayed event changes nothing.
 */
@Singleton
@ProcessingGroup(CommentListProjection.NAME)
@StreamingView(order = 80, tables = "comment_list")
public class CommentListProjection {

    public static final String NAME = "comment-list";

    private final CommentListRepository comments;

    public CommentListProjection(CommentListRepository comments) {
        this.comments = comments;
    }

    @EventHandler
    void on(CommentPosted event) {
        if (!comments.existsById(event.commentId())) {
            comments.save(new CommentListRow(
                    event.commentId(),
                    event.tenantId(),
                    event.artifactId(),
                    event.parentId(),
                    event.version(),
                    event.body(),
                    event.authorType(),
                    event.authorId(),
                    event.authorName(),
                    event.postedAt(),
                    null,
                    null));
        }
    }

    @EventHandler
    void on(CommentEdited event) {
        comments.updateBodyAndEditedAt(event.commentId(), event.body(), event.editedAt());
    }

    @EventHandler
    void on(CommentDeleted event) {
        comments.updateBodyAndDeletedAt(event.commentId(), null, event.deletedAt());
    }

    @ResetHandler
    void reset() {
        comments.deleteAll();
    }
}
