package dev.artifacta.command.comments;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.command.shared.PlainText;
import dev.artifacta.command.shared.SecretText;
import dev.artifacta.events.CommentDeleted;
import dev.artifacta.events.CommentEdited;
import dev.artifacta.events.CommentPosted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * A comment on an artifact, or a reply to one (replies are one level deep). Its author edits and
 * deletes it; deleting is soft: the events keep every text it had.
 */
@AggregateRoot
public class Comment {

    /** The longest comment, in characters (Unicode code points). */
    public static final int MAX_COMMENT_LENGTH = 10_000;
    /** The longest reply, in characters (Unicode code points). */
    public static final int MAX_REPLY_LENGTH = 5_000;

    @AggregateIdentifier
    private String commentId;

    private String tenantId;
    private String artifactId;
    private String parentId;
    private String authorId;
    private boolean deleted;

    protected Comment() {
        // For Axon: state is rebuilt from events.
    }

    @CommandHandler
    public Comment(PostComment command, CommentThreads threads) {
        String body = bodyOf(command.body(), command.parentId() != null);
        Long version = command.version();
        if (command.parentId() != null) {
            CommentThreads.Thread parent = threads.find(command.tenantId(), command.parentId())
                    .filter(thread -> thread.artifactId().equals(command.artifactId()) && !thread.deleted())
                    .orElseThrow(() -> new CommentNotFound(command.parentId()));
            if (parent.parentId() != null) {
                throw new InvalidRequest(
                        "reply-to-reply",
                        "Replies are one level deep: reply to the comment '" + parent.parentId() + "' instead.");
            }
            version = parent.version();
        }
        apply(new CommentPosted(
                command.tenantId(),
                command.commentId(),
                command.artifactId(),
                command.parentId(),
                version,
                body,
                command.authorType(),
                command.authorId(),
                command.authorName(),
                command.now()));
    }

    @CommandHandler
    public void handle(EditComment command) {
        requireVisible(command.tenantId(), command.artifactId());
        if (!authorId.equals(command.editorId())) {
            throw new NotCommentAuthor("Only the author of a comment can edit it.");
        }
        String body = bodyOf(command.body(), parentId != null);
        apply(new CommentEdited(tenantId, commentId, artifactId, body, command.now()));
    }

    @CommandHandler
    public void handle(DeleteComment command) {
        requireVisible(command.tenantId(), command.artifactId());
        boolean byAuthor = authorId.equals(command.callerId());
        if (!byAuthor && !command.moderator()) {
            throw new NotCommentAuthor("Only the author of a comment or an admin of the artifact can delete it.");
        }
        apply(new CommentDeleted(tenantId, commentId, artifactId, byAuthor, command.now()));
    }

    @EventSourcingHandler
    void on(CommentPosted event) {
        commentId = event.commentId();
        tenantId = event.tenantId();
        artifactId = event.artifactId();
        parentId = event.parentId();
        authorId = event.authorId();
    }

    @EventSourcingHandler
    void on(CommentDeleted event) {
        deleted = true;
    }

    /** Another tenant's, another artifact's or a deleted comment is indistinguishable from none. */
    private void requireVisible(String callerTenantId, String callerArtifactId) {
        if (deleted || !tenantId.equals(callerTenantId) || !artifactId.equals(callerArtifactId)) {
            throw new CommentNotFound(commentId);
        }
    }

    /**
     * The text as stored: paragraphs of Unicode (line breaks and tabs, no other control character),
     * in NFC, not blank, within the limit for a comment or a reply.
     */
    static String bodyOf(String raw, boolean reply) {
        String what = reply ? "reply" : "comment";
        int limit = reply ? MAX_REPLY_LENGTH : MAX_COMMENT_LENGTH;
        String body = PlainText.paragraphs(what, raw);
        if (body == null || body.isBlank()) {
            throw new InvalidRequest(
                    "invalid-comment-body", "A " + what + " needs a body that is not only whitespace.");
        }
        int length = body.codePointCount(0, body.length());
        if (length > limit) {
            throw new InvalidRequest(
                    "comment-too-long",
                    "A " + what + " is at most " + limit + " characters; this one has " + length + ".");
        }
        if (SecretText.containsKey(body)) {
            throw new InvalidRequest(
                    "secret-in-plain-text",
                    "The " + what + " contains what looks like an API key; revoke it and leave it out.");
        }
        return body;
    }
}
