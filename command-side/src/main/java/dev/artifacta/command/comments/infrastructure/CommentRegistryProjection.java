package dev.artifacta.command.comments.infrastructure;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.command.comments.CommentThreads;
import dev.artifacta.events.CommentDeleted;
import dev.artifacta.events.CommentPosted;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/** Keeps the comment lookup table in step with comment events, in the append's transaction. */
@Singleton
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class CommentRegistryProjection implements CommentThreads {

    private final CommentRegistryRepository comments;

    public CommentRegistryProjection(CommentRegistryRepository comments) {
        this.comments = comments;
    }

    @EventHandler
    void on(CommentPosted event) {
        if (!comments.existsById(event.commentId())) {
            comments.save(new CommentRow(
                    event.commentId(), event.tenantId(), event.artifactId(), event.parentId(), event.version(), false));
        }
    }

    @EventHandler
    void on(CommentDeleted event) {
        comments.updateDeleted(event.commentId(), true);
    }

    @ResetHandler
    void reset() {
        comments.deleteAll();
    }

    @Override
    public Optional<Thread> find(String tenantId, String commentId) {
        return comments.findByCommentIdAndTenantId(commentId, tenantId)
                .map(row -> new Thread(row.artifactId(), row.parentId(), row.version(), row.deleted()));
    }
}
